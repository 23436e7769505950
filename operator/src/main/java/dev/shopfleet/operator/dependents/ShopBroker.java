package dev.shopfleet.operator.dependents;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.MessagingSpec;
import dev.shopfleet.operator.api.StorageSpec;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator runs for a shop's broker (service-images/broker: Kafka in KRaft mode, one node): a StatefulSet with
 * a volume, its Service, and the environment of the services that use it. The broker makes its users, topics and ACLs
 * itself from the contract (ShopTopic) before it reports ready, so a ready broker is one the services can use. Its
 * credentials are in {@link GeneratedSecretsDependent}'s Secret, its traffic policy in
 * {@link NetworkPoliciesDependent}'s.
 */
final class ShopBroker {
    static final String DATA_DIR = "/var/lib/broker";
    /** The broker's own log directory: below the volume's root, where a file system keeps its lost+found. */
    static final String LOG_DIR = DATA_DIR + "/data";
    static final String SECRET_ADMIN_PASSWORD = "admin-password";

    private ShopBroker() {
    }

    static StatefulSet statefulSet(Shop shop) {
        String name = shop.brokerName();
        MessagingSpec messaging = shop.messaging();
        StorageSpec storage = messaging.getStorage() != null ? messaging.getStorage() : new StorageSpec();
        return new StatefulSetBuilder()
                .withMetadata(ShopBulkDependent.metadata(shop, name, shop.brokerLabels()))
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(name)
                .withNewSelector().withMatchLabels(shop.brokerSelectorLabels()).endSelector()
                .withPersistentVolumeClaimRetentionPolicy(ShopBulkDependent.claimRetention(shop))
                .withNewTemplate()
                .withNewMetadata().withLabels(shop.brokerPodLabels()).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withNodeSelector(shop.nodeSelector())
                .withTolerations(shop.tolerations())
                .withSecurityContext(ShopBulkDependent.restrictedPod(Shop.SERVICE_UID))
                .addNewContainer()
                .withName("broker")
                .withImage(shop.brokerImage())
                .withImagePullPolicy(shop.spec().getImages().getPullPolicy().name())
                .addNewPort().withName("kafka").withContainerPort(BrokerContract.CLIENT_PORT).withProtocol("TCP").endPort()
                .addNewPort().withName("http").withContainerPort(BrokerContract.HEALTH_PORT).withProtocol("TCP").endPort()
                .withEnv(env(shop))
                .withNewResources()
                .addToRequests("cpu", new Quantity("50m"))
                .addToRequests("memory", new Quantity("384Mi"))
                // the image gives the heap half of this; the page cache and Kafka's buffers use the rest
                .addToLimits("memory", new Quantity("768Mi"))
                .endResources()
                .withStartupProbe(DeploymentsDependent.httpProbe(ShopContract.READINESS_PATH, 2, 90))
                .withReadinessProbe(DeploymentsDependent.httpProbe(ShopContract.READINESS_PATH, 5, 3))
                .withLivenessProbe(DeploymentsDependent.httpProbe(ShopContract.LIVENESS_PATH, 10, 6))
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().addToDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("data").withMountPath(DATA_DIR).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .withVolumeClaimTemplates(new PersistentVolumeClaimBuilder()
                        .withNewMetadata().withName("data").withLabels(shop.brokerLabels()).endMetadata()
                        .withNewSpec()
                        .withAccessModes("ReadWriteOnce")
                        .withStorageClassName(storage.getStorageClassName())
                        .withNewResources().addToRequests("storage", new Quantity(storage.getSize())).endResources()
                        .endSpec()
                        .build())
                .endSpec()
                .build();
    }

    /** The broker's environment: a user for each enabled client, none for a disabled one (the broker removes it). */
    private static List<EnvVar> env(Shop shop) {
        String secret = shop.brokerName();
        List<EnvVar> env = new ArrayList<>();
        env.add(plain(BrokerContract.ENV_DATA_DIR, LOG_DIR));
        env.add(plain(BrokerContract.ENV_ADVERTISED_HOST, shop.brokerName()));
        env.add(ShopBulkDependent.secretEnv(BrokerContract.ENV_ADMIN_PASSWORD, secret, SECRET_ADMIN_PASSWORD));
        for (ShopService client : shop.brokerClients()) {
            env.add(ShopBulkDependent.secretEnv(BrokerContract.clientPasswordEnv(client), secret, BrokerContract.passwordKey(client)));
        }
        env.add(plain(BrokerContract.ENV_PARTITIONS, Integer.toString(shop.messaging().getPartitions())));
        env.add(plain(BrokerContract.ENV_RETENTION_HOURS, Integer.toString(shop.messaging().getRetentionHours())));
        return env;
    }

    static Service service(Shop shop) {
        return new ServiceBuilder()
                .withMetadata(ShopBulkDependent.metadata(shop, shop.brokerName(), shop.brokerLabels()))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(shop.brokerSelectorLabels())
                .addNewPort().withName("kafka").withProtocol("TCP").withAppProtocol("kafka")
                .withPort(BrokerContract.CLIENT_PORT).withTargetPort(new IntOrString("kafka")).endPort()
                .endSpec()
                .build();
    }

    /**
     * How a client service reaches the broker as itself: the shop's own, or the external one its Secret describes (a key
     * missing there keeps new pods from starting, and the shop Degraded, until it is added); nothing for a service that
     * is no client or a shop without a broker.
     */
    static List<EnvVar> clientEnv(Shop shop, ShopService service) {
        if (!shop.brokerClients().contains(service)) {
            return List.of();
        }
        if (shop.usesExternalBroker()) {
            String secret = shop.messaging().getSecretName();
            return List.of(ShopBulkDependent.secretEnv(BrokerContract.ENV_BOOTSTRAP_SERVERS, secret, BrokerContract.SECRET_BOOTSTRAP_SERVERS),
                    ShopBulkDependent.secretEnv(BrokerContract.ENV_SECURITY_PROTOCOL, secret, BrokerContract.SECRET_SECURITY_PROTOCOL),
                    ShopBulkDependent.secretEnv(BrokerContract.ENV_USERNAME, secret, BrokerContract.usernameKey(service)),
                    ShopBulkDependent.secretEnv(BrokerContract.ENV_PASSWORD, secret, BrokerContract.passwordKey(service)));
        }
        if (!shop.usesBroker()) {
            return List.of();
        }
        return List.of(plain(BrokerContract.ENV_BOOTSTRAP_SERVERS, shop.brokerBootstrapServers()),
                plain(BrokerContract.ENV_USERNAME, service.id()),
                ShopBulkDependent.secretEnv(BrokerContract.ENV_PASSWORD, shop.brokerName(), BrokerContract.passwordKey(service)));
    }

    private static EnvVar plain(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
