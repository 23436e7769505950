package dev.shopfleet.operator.dependents;

import static dev.shopfleet.contract.ShopService.CART;
import static dev.shopfleet.contract.ShopService.CATALOG;
import static dev.shopfleet.contract.ShopService.ORDERS;
import static dev.shopfleet.contract.ShopService.STOREFRONT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.operator.api.AutoscalingSpec;
import dev.shopfleet.operator.api.DeletionPolicy;
import dev.shopfleet.operator.api.RouteSpec;
import dev.shopfleet.operator.api.SchedulingSpec;
import dev.shopfleet.operator.api.TolerationSpec;
import dev.shopfleet.operator.shop.Capabilities;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.TestShops;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DesiredStateTest {
    private final Shop shop = TestShops.shop();

    @Test
    void aServiceRunsRestrictedWithTheContractsProbesAndItsDatabaseCredentials() {
        Deployment deployment = DeploymentsDependent.desired(shop, CATALOG);
        var pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(container.getLifecycle().getPreStop().getSleep().getSeconds()).as("drains before shutting down").isPositive()
                .isLessThan(pod.getTerminationGracePeriodSeconds());
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();

        assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(ShopContract.HTTP_PORT);
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo(ShopContract.LIVENESS_PATH);
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo(ShopContract.READINESS_PATH);
        assertThat(container.getStartupProbe()).isNotNull();

        assertThat(container.getEnv()).extracting(EnvVar::getName).contains(ShopContract.ENV_DB_URL,
                ShopContract.ENV_DB_USERNAME, ShopContract.ENV_DB_PASSWORD);
        EnvVar password = container.getEnv().stream().filter(e -> e.getName().equals(ShopContract.ENV_DB_PASSWORD))
                .findFirst().orElseThrow();
        assertThat(password.getValue()).as("credentials come from the Secret, never inline").isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("demo-catalog-db");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
    }

    @Test
    void eachServiceGetsATokenPerEnabledCalleeForThatCalleeAloneAndTheIssuersKeys() {
        var issuer = new Capabilities.ServiceAccountIssuer("https://issuer.test", "{\"keys\":[]}");
        Shop withIssuer = TestShops.shop(r -> r.getSpec().getServices().getNotifications().setEnabled(false),
                new Capabilities(false, false, java.util.Optional.empty(), java.util.Optional.of(issuer)));
        var pod = DeploymentsDependent.desired(withIssuer, ORDERS).getSpec().getTemplate().getSpec();
        var tokens = pod.getVolumes().stream().filter(v -> v.getName().equals("workload-tokens")).findFirst().orElseThrow()
                .getProjected().getSources();
        assertThat(tokens).extracting(source -> source.getServiceAccountToken().getPath())
                .containsExactlyInAnyOrder("users", "cart", "inventory", "payments").doesNotContain("notifications");
        assertThat(tokens).allSatisfy(source -> {
            assertThat(source.getServiceAccountToken().getAudience())
                    .isEqualTo("shopfleet.dev/shops/demo/" + source.getServiceAccountToken().getPath());
            assertThat(source.getServiceAccountToken().getExpirationSeconds()).isBetween(600L, 3600L);
        });
        assertThat(pod.getAutomountServiceAccountToken()).as("no API token in the pod").isFalse();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getConfigMap() != null)
                .anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo("demo-workload-keys"));
        assertThat(new ConfigMapsDependent().desired(withIssuer)).anySatisfy(cm -> {
            assertThat(cm.getMetadata().getName()).isEqualTo("demo-workload-keys");
            assertThat(cm.getData()).containsEntry(ShopContract.WORKLOAD_KEYS_FILE, issuer.jwks());
        });
        var payments = DeploymentsDependent.desired(withIssuer, dev.shopfleet.contract.ShopService.PAYMENTS).getSpec().getTemplate().getSpec();
        assertThat(payments.getVolumes()).as("payments calls nobody: no tokens").noneMatch(v -> v.getName().equals("workload-tokens"));
    }

    /** Found by AdmissionPropertyIT: the pod's imagePullSecrets is keyed by name, so a name given twice is refused. */
    @Test
    void everyPodOfTheShopRunsWhereItsSchedulingSays() {
        Shop placed = TestShops.shop(r -> {
            SchedulingSpec scheduling = new SchedulingSpec();
            scheduling.setNodeSelector(Map.of("pool", "shops"));
            TolerationSpec toleration = new TolerationSpec();
            toleration.setKey("dedicated");
            toleration.setValue("shops");
            toleration.setEffect(TolerationSpec.Effect.NoSchedule);
            scheduling.setTolerations(List.of(toleration));
            r.getSpec().setScheduling(scheduling);
        });
        List<PodSpec> pods = List.of(DeploymentsDependent.desired(placed, CATALOG).getSpec().getTemplate().getSpec(),
                DatabasesDependent.desired(placed, CATALOG).getSpec().getTemplate().getSpec());

        assertThat(pods).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.getNodeSelector()).containsExactly(Map.entry("pool", "shops"));
            assertThat(pod.getTolerations()).containsExactly(new Toleration("NoSchedule", "dedicated", "Equal", null, "shops"));
        });
        assertThat(DeploymentsDependent.desired(shop, CATALOG).getSpec().getTemplate().getSpec().getNodeSelector())
                .as("without scheduling: any node").isEmpty();
    }

    @Test
    void aPullSecretNamedTwiceIsOneEntry() {
        Shop twice = TestShops.shop(r -> r.getSpec().getImages().setPullSecrets(java.util.List.of("regcred", "other", "regcred")));
        assertThat(DeploymentsDependent.desired(twice, STOREFRONT).getSpec().getTemplate().getSpec().getImagePullSecrets())
                .extracting(LocalObjectReference::getName).containsExactly("regcred", "other");
    }

    @Test
    void theStorefrontHasNoDatabase() {
        Container container = DeploymentsDependent.desired(shop, STOREFRONT).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertThat(container.getEnv()).extracting(EnvVar::getName).noneMatch(name -> name.startsWith("SHOP_DB_"));
    }

    @Test
    void withAutoscalingTheDeploymentLeavesReplicasToTheAutoscaler() {
        Shop autoscaled = TestShops.shop(r -> {
            AutoscalingSpec autoscaling = new AutoscalingSpec();
            autoscaling.setMinReplicas(2);
            autoscaling.setMaxReplicas(5);
            r.getSpec().getServices().getCatalog().setAutoscaling(autoscaling);
        });
        Deployment deployment = DeploymentsDependent.desired(autoscaled, CATALOG);
        assertThat(deployment.getSpec().getReplicas()).isNull();
        assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).hasSize(1);
        assertThat(new AutoscalersDependent().desired(autoscaled)).singleElement()
                .satisfies(hpa -> assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5));
        assertThat(new DisruptionBudgetsDependent().desired(autoscaled)).singleElement()
                .satisfies(pdb -> assertThat(pdb.getMetadata().getName()).isEqualTo("demo-catalog"));
    }

    @Test
    void aSingleReplicaServiceHasNoDisruptionBudgetNorSpread() {
        assertThat(new DisruptionBudgetsDependent().desired(shop)).isEmpty();
        assertThat(DeploymentsDependent.desired(shop, CATALOG).getSpec().getTemplate().getSpec()
                .getTopologySpreadConstraints()).isEmpty();
    }

    @Test
    void aServiceIsToldTheUrlsOfTheEnabledServicesItCallsOnly() {
        assertThat(ConfigMapsDependent.data(shop, STOREFRONT)).containsEntry("SHOP_CART_URL", "http://demo-cart:8080")
                .containsEntry("SHOP_CATALOG_URL", "http://demo-catalog:8080")
                .doesNotContainKey("SHOP_PAYMENTS_URL");
        Shop withoutCart = TestShops.shop(r -> {
            r.getSpec().getServices().getCart().setEnabled(false);
            r.getSpec().getServices().getOrders().setEnabled(false);
        });
        assertThat(ConfigMapsDependent.data(withoutCart, STOREFRONT)).doesNotContainKeys("SHOP_CART_URL", "SHOP_ORDERS_URL");
    }

    @Test
    void aConfigurationChangeChangesThePodTemplateSoPodsRoll() {
        Shop withoutNotifications = TestShops.shop(r -> r.getSpec().getServices().getNotifications().setEnabled(false));
        String before = annotation(DeploymentsDependent.desired(shop, ORDERS));
        assertThat(annotation(DeploymentsDependent.desired(TestShops.shop(), ORDERS))).isEqualTo(before);
        assertThat(annotation(DeploymentsDependent.desired(withoutNotifications, ORDERS))).isNotEqualTo(before);
    }

    private static String annotation(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations()
                .get(DeploymentsDependent.CONFIG_CHECKSUM_ANNOTATION);
    }

    @Test
    void aDatabaseVolumeOutlivesItsStatefulSetOnlyUnderRetain() {
        assertThat(DatabasesDependent.desired(shop, CART).getSpec().getPersistentVolumeClaimRetentionPolicy()
                .getWhenDeleted()).isEqualTo("Retain");
        Shop deleting = TestShops.shop(r -> r.getSpec().setDeletionPolicy(DeletionPolicy.Delete));
        assertThat(DatabasesDependent.desired(deleting, CART).getSpec().getPersistentVolumeClaimRetentionPolicy()
                .getWhenDeleted()).isEqualTo("Delete");
    }

    @Test
    void onlyTheDatabasesPodHasTheSuperuserTheServiceConnectsAsItsOwnRole() {
        var database = DatabasesDependent.desired(shop, CART).getSpec().getTemplate().getSpec();
        Map<String, String> keys = database.getContainers().get(0).getEnv().stream().filter(e -> e.getValueFrom() != null)
                .collect(Collectors.toMap(EnvVar::getName, e -> e.getValueFrom().getSecretKeyRef().getKey()));
        assertThat(keys).containsEntry("POSTGRES_USER", ShopContract.SECRET_ADMIN_USERNAME)
                .containsEntry("POSTGRES_PASSWORD", ShopContract.SECRET_ADMIN_PASSWORD)
                .containsEntry(DatabasesDependent.ENV_SERVICE_USER, ShopContract.SECRET_USERNAME)
                .containsEntry(DatabasesDependent.ENV_SERVICE_PASSWORD, ShopContract.SECRET_PASSWORD);
        assertThat(database.getVolumes()).filteredOn(v -> v.getConfigMap() != null)
                .extracting(v -> v.getConfigMap().getName()).containsExactly("demo-database-init");
        assertThat(new ConfigMapsDependent().desired(shop)).filteredOn(cm -> cm.getMetadata().getName().equals("demo-database-init"))
                .singleElement().satisfies(cm -> assertThat(cm.getData().get(DatabasesDependent.INIT_SCRIPT))
                        .contains("NOSUPERUSER", "OWNER TO", "$SHOP_SERVICE_DB_PASSWORD"));
        for (var service : shop.enabledServices()) {
            assertThat(DeploymentsDependent.desired(shop, service).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .as("%s never sees the superuser's credentials", service)
                    .filteredOn(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .extracting(e -> e.getValueFrom().getSecretKeyRef().getKey())
                    .doesNotContain(ShopContract.SECRET_ADMIN_USERNAME, ShopContract.SECRET_ADMIN_PASSWORD);
        }
        var secret = GeneratedSecretsDependent.desired(shop, CART, "service-password", "admin-password");
        assertThat(secret.getData()).containsKeys(ShopContract.SECRET_USERNAME, ShopContract.SECRET_PASSWORD,
                ShopContract.SECRET_ADMIN_USERNAME, ShopContract.SECRET_ADMIN_PASSWORD);
    }

    @Test
    void generatedCredentialsAreOwnedByTheShopOnlyUnderDelete() {
        var secret = GeneratedSecretsDependent.desired(shop, CART, GeneratedSecretsDependent.generatePassword(),
                GeneratedSecretsDependent.generatePassword());
        assertThat(secret.getMetadata().getOwnerReferences()).isEmpty();
        String password = new String(Base64.getDecoder().decode(secret.getData().get(ShopContract.SECRET_PASSWORD)),
                StandardCharsets.UTF_8);
        assertThat(password).hasSize(32).matches("[A-Za-z0-9]+");
        assertThat(GeneratedSecretsDependent.generatePassword()).isNotEqualTo(GeneratedSecretsDependent.generatePassword());

        Shop deleting = TestShops.shop(r -> r.getSpec().setDeletionPolicy(DeletionPolicy.Delete));
        assertThat(GeneratedSecretsDependent.desired(deleting, CART, "x", "y").getMetadata().getOwnerReferences())
                .singleElement().satisfies(owner -> assertThat(owner.getUid()).isEqualTo("uid-1"));
    }

    @Test
    void theIngressRoutesTheHostToTheStorefrontWithTlsWhenGiven() {
        Shop routed = TestShops.shop(r -> {
            RouteSpec route = new RouteSpec();
            route.setHost("shop.example.com");
            route.setTlsSecretName("shop-tls");
            route.setIngressClassName("traefik");
            r.getSpec().setRoute(route);
        });
        var ingress = StorefrontIngressDependent.desired(routed);
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("traefik");
        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("shop.example.com");
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
                .isEqualTo("demo-storefront");
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("shop-tls");
    }

    @Test
    void aRouteThroughAGatewayIsAnHttpRouteInsteadOfAnIngress() {
        Shop routed = TestShops.shop(r -> {
            RouteSpec route = new RouteSpec();
            route.setHost("shop.example.com");
            var gateway = new dev.shopfleet.operator.api.GatewayReference();
            gateway.setName("shared");
            gateway.setNamespace("gateways");
            route.setGateway(gateway);
            r.getSpec().setRoute(route);
        });
        assertThat(routed.routesThroughGateway()).isTrue();
        var httpRoute = StorefrontHttpRouteDependent.desired(routed);
        assertThat(httpRoute.getSpec().getHostnames()).containsExactly("shop.example.com");
        assertThat(httpRoute.getSpec().getParentRefs().get(0).getName()).isEqualTo("shared");
        assertThat(httpRoute.getSpec().getRules().get(0).getBackendRefs().get(0).getName()).isEqualTo("demo-storefront");
    }

    @Test
    void theSameShopAlwaysGivesTheSameObjects() {
        // Desired state must be deterministic, or every resync would write.
        assertThat(DeploymentsDependent.desired(TestShops.shop(), ORDERS)).isEqualTo(DeploymentsDependent.desired(shop, ORDERS));
        assertThat(new ServicesDependent().desired(TestShops.shop())).isEqualTo(new ServicesDependent().desired(shop));
    }
}
