package dev.shopfleet.operator.dependents;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.EnvVarSourceSpec;
import dev.shopfleet.operator.api.EnvVarSpec;
import dev.shopfleet.operator.api.ShopServiceSpec;
import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.ShopContext;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A service's pods: rolled on any change of image or configuration, never all at once. */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class DeploymentsDependent extends ShopBulkDependent<Deployment> {
    public static final String CONFIG_CHECKSUM_ANNOTATION = "shopfleet.dev/config-checksum";
    static final long PRE_STOP_SECONDS = 5;

    public DeploymentsDependent() {
        super(Deployment.class);
    }

    @Override
    protected List<Deployment> desired(Shop shop) {
        return shop.enabledServices().stream().map(service -> desired(shop, service)).toList();
    }

    /** Each service starts once its own database is there: one service's broken database holds back no other. */
    @Override
    protected List<Deployment> desired(ShopContext shop) {
        return shop.shop().enabledServices().stream().filter(shop.startable()::contains)
                .map(service -> desired(shop.shop(), service)).toList();
    }

    static Deployment desired(Shop shop, ShopService service) {
        ShopServiceSpec spec = shop.serviceSpec(service);
        Map<String, String> selector = shop.selectorLabels(service, Shop.Component.service);
        boolean autoscaled = spec.getAutoscaling() != null;
        int maxReplicas = autoscaled ? spec.getAutoscaling().getMaxReplicas() : spec.getReplicas();
        var builder = new DeploymentBuilder()
                .withMetadata(metadata(shop, shop.objectName(service), shop.labels(service, Shop.Component.service)))
                .withNewSpec()
                // With autoscaling the HorizontalPodAutoscaler owns the replica count.
                .withReplicas(autoscaled ? null : spec.getReplicas())
                .withRevisionHistoryLimit(3)
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0))
                .endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(shop.podLabels(service, Shop.Component.service))
                .addToAnnotations(CONFIG_CHECKSUM_ANNOTATION, ConfigMapsDependent.checksum(shop, service))
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(shop.objectName(service))
                .withNodeSelector(shop.nodeSelector())
                .withTolerations(shop.tolerations())
                .withAutomountServiceAccountToken(false)
                // a Secret named twice is one Secret: the pod's list is keyed by name
                .withImagePullSecrets(shop.spec().getImages().getPullSecrets().stream().distinct()
                        .map(LocalObjectReference::new).toList())
                .withSecurityContext(ShopBulkDependent.restrictedPod(Shop.SERVICE_UID))
                .withTerminationGracePeriodSeconds(30L)
                .withContainers(container(shop, service, spec))
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("256Mi")).endEmptyDir()
                .endVolume()
                .addAllToVolumes(WorkloadIdentityVolumes.volumes(shop, service))
                .endSpec()
                .endTemplate()
                .endSpec();
        if (maxReplicas > 1) {
            builder.editSpec().editTemplate().editSpec()
                    .withTopologySpreadConstraints(new TopologySpreadConstraintBuilder()
                            .withMaxSkew(1)
                            .withTopologyKey("kubernetes.io/hostname")
                            .withWhenUnsatisfiable("ScheduleAnyway")
                            .withNewLabelSelector().withMatchLabels(selector).endLabelSelector()
                            .build())
                    .endSpec().endTemplate().endSpec();
        }
        return builder.build();
    }

    private static Container container(Shop shop, ShopService service, ShopServiceSpec spec) {
        return new ContainerBuilder()
                .withName(service.id())
                .withImage(shop.image(service))
                .withImagePullPolicy(shop.spec().getImages().getPullPolicy().name())
                .addNewPort().withName("http").withContainerPort(ShopContract.HTTP_PORT).withProtocol("TCP").endPort()
                .addNewEnvFrom().withNewConfigMapRef().withName(shop.objectName(service)).endConfigMapRef().endEnvFrom()
                .withEnv(env(shop, service, spec))
                .withResources(spec.getResources() != null ? spec.getResources().toRequirements() : defaultResources())
                // A JVM service with migrations to run may take a while to start; after that it must answer fast.
                .withStartupProbe(httpProbe(ShopContract.LIVENESS_PATH, 2, 90))
                .withLivenessProbe(httpProbe(ShopContract.LIVENESS_PATH, 10, 3))
                .withReadinessProbe(httpProbe(ShopContract.READINESS_PATH, 5, 3))
                // Endpoints, kube-proxy and ingress controllers learn of a terminating pod a moment late: keep
                // serving for that moment before the service starts its graceful shutdown.
                .withNewLifecycle().withNewPreStop().withNewSleep().withSeconds(PRE_STOP_SECONDS).endSleep().endPreStop()
                .endLifecycle()
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().addToDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .addAllToVolumeMounts(WorkloadIdentityVolumes.mounts(shop, service))
                .build();
    }

    private static List<EnvVar> env(Shop shop, ShopService service, ShopServiceSpec spec) {
        List<EnvVar> env = new ArrayList<>();
        if (service.issuesTokens()) {
            env.add(secretEnv(ShopContract.ENV_ADMIN_INVITATION, ShopContract.adminInvitationSecret(shop.name()),
                    ShopContract.SECRET_INVITATION_TOKEN));
        }
        env.add(new EnvVarBuilder().withName(ShopContract.ENV_NAMESPACE)
                // apiVersion as the API server would default it: a field it fills in would differ on every resync
                .withNewValueFrom().withNewFieldRef().withApiVersion("v1").withFieldPath("metadata.namespace").endFieldRef()
                .endValueFrom().build());
        if (service.ownsDatabase()) {
            String secret = shop.databaseSecretName(service);
            env.add(secretEnv(ShopContract.ENV_DB_HOST, secret, ShopContract.SECRET_HOST));
            env.add(secretEnv(ShopContract.ENV_DB_PORT, secret, ShopContract.SECRET_PORT));
            env.add(secretEnv(ShopContract.ENV_DB_NAME, secret, ShopContract.SECRET_DATABASE));
            env.add(secretEnv(ShopContract.ENV_DB_USERNAME, secret, ShopContract.SECRET_USERNAME));
            env.add(secretEnv(ShopContract.ENV_DB_PASSWORD, secret, ShopContract.SECRET_PASSWORD));
            // The same for managed and external databases: the kubelet expands $(VAR) from the variables above.
            env.add(new EnvVar(ShopContract.ENV_DB_URL, "jdbc:postgresql://$(" + ShopContract.ENV_DB_HOST + "):$("
                    + ShopContract.ENV_DB_PORT + ")/$(" + ShopContract.ENV_DB_NAME + ")", null));
        }
        env.addAll(ShopBroker.clientEnv(shop, service));
        shop.tracing().ifPresent(t -> env.add(new EnvVar(ShopContract.ENV_OTLP_ENDPOINT, t.getEndpoint(), null)));
        spec.getEnv().stream().map(DeploymentsDependent::envVar).forEach(env::add);
        return env;
    }

    /** A shop's variable as Kubernetes writes it; the kubelet expands $(VAR), so a value is escaped ($$ is a $). */
    private static EnvVar envVar(EnvVarSpec var) {
        EnvVarBuilder built = new EnvVarBuilder().withName(var.getName());
        if (var.getValue() != null) {
            built.withValue(var.getValue().replace("$", "$$"));
        }
        EnvVarSourceSpec from = var.getValueFrom();
        if (from != null && from.getSecretKeyRef() != null) {
            var ref = from.getSecretKeyRef();
            built.withNewValueFrom().withNewSecretKeyRef(ref.getKey(), ref.getName(), ref.getOptional()).endValueFrom();
        } else if (from != null && from.getConfigMapKeyRef() != null) {
            var ref = from.getConfigMapKeyRef();
            built.withNewValueFrom().withNewConfigMapKeyRef(ref.getKey(), ref.getName(), ref.getOptional()).endValueFrom();
        } else if (from != null && from.getFieldRef() != null) {
            // apiVersion as the API server would default it: a field it fills in would differ on every resync
            built.withNewValueFrom().withNewFieldRef("v1", from.getFieldRef().getFieldPath()).endValueFrom();
        }
        return built.build();
    }

    static Probe httpProbe(String path, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString("http")).withScheme("HTTP").endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(2)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    // Requests are what the scheduler reserves: small, so a few whole shops fit on a small node; a shop
    // under load sets its own (spec.services.<name>.resources) or autoscales.
    static ResourceRequirements defaultResources() {
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("50m"))
                .addToRequests("memory", new Quantity("256Mi"))
                .addToLimits("memory", new Quantity("512Mi"))
                .build();
    }
}
