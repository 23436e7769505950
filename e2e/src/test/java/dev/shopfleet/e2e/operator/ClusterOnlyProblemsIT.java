package dev.shopfleet.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What admission cannot know (whether a StorageClass exists, whether an image can be pulled) becomes a Degraded
 * condition with a reason naming the service, within a reconciliation of the cluster telling, and holds back no
 * other service.
 */
class ClusterOnlyProblemsIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static KubernetesClient client;
    private static String namespace;
    private static String images;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        SharedOperator.get();
        images = TestImages.standInShopImages();
        namespace = TestCluster.createNamespace(client, "cluster-problems");
    }

    @AfterAll
    static void tearDown() {
        TestCluster.tearDown(client, namespace);
    }

    @Test
    void aStorageClassThatDoesNotExistIsNamedAndTheOtherServicesStart() {
        degradedWhileTheStorefrontRuns("noclass", "{database: {storage: {storageClassName: no-such-class}}}",
                "StorageClassNotFound", "catalog: its database's StorageClass no-such-class does not exist");
        assertThat(client.apps().deployments().inNamespace(namespace).withName("noclass-catalog").get())
                .as("catalog waits for its database").isNull();
    }

    /** A class that exists, but whose provisioner never makes the volume: the volume's own events say so. */
    @Test
    void aVolumeThatIsNeverProvisionedIsNamedWithWhatItsEventsSay() {
        String nowhere = "shopfleet-e2e-nowhere";
        client.resource(new StorageClassBuilder().withNewMetadata().withName(nowhere).endMetadata()
                .withProvisioner("example.com/nowhere").withVolumeBindingMode("Immediate").build()).serverSideApply();
        try {
            degradedWhileTheStorefrontRuns("novolume", "{database: {storage: {storageClassName: " + nowhere + "}}}",
                    "VolumePending", "catalog: its database's volume data-novolume-catalog-db-0 is not provisioned");
            assertThat(Shops.condition(client, namespace, "novolume", "Degraded").orElseThrow().get("message").toString())
                    .contains("example.com/nowhere");
        } finally {
            client.storage().v1().storageClasses().withName(nowhere).delete();
        }
    }

    @Test
    void anImageThatCannotBePulledIsNamedAndTheOtherServicesRun() {
        degradedWhileTheStorefrontRuns("nopull", "{image: 'registry.invalid/shopfleet/catalog:1'}",
                "ImagePullFailed", "catalog: its pod cannot pull image registry.invalid/shopfleet/catalog:1");
    }

    /**
     * What the API server refuses for the namespace's sake (its quota) is named in the status, nothing else of the shop
     * is held back, and the refused object is made once the quota allows it (JOSDK's retries).
     */
    @Test
    void aServiceTheApiServerRefusesIsNamedAndMadeOnceAllowed() {
        String quotaNamespace = TestCluster.createNamespace(client, "service-quota");
        try {
            // The minimal shop has three Services (storefront, catalog, catalog's database): the quota lets two be made.
            client.resource(new ResourceQuotaBuilder().withNewMetadata().withName("services").endMetadata()
                    .withNewSpec().addToHard("services", new Quantity("2")).endSpec().build())
                    .inNamespace(quotaNamespace).create();
            Poll.until("the quota to be counted", TIMEOUT, () -> {
                ResourceQuota quota = client.resourceQuotas().inNamespace(quotaNamespace).withName("services").get();
                return quota.getStatus() != null && quota.getStatus().getUsed() != null
                        && quota.getStatus().getUsed().containsKey("services");
            });
            Shops.apply(client, quotaNamespace, MinimalShops.yaml("quota", images, "{}", ""));
            Shops.awaitCondition(client, quotaNamespace, "quota", "Degraded", "True", "ReconcileError", TIMEOUT);
            assertThat(Shops.condition(client, quotaNamespace, "quota", "Degraded").orElseThrow().get("message").toString())
                    .contains("exceeded quota");
            Poll.until("the storefront's Deployment while a Service is refused", TIMEOUT, () -> client.apps().deployments()
                    .inNamespace(quotaNamespace).withName("quota-storefront").get() != null);
            client.resourceQuotas().inNamespace(quotaNamespace).withName("services").delete();
            Poll.until("the refused Service to be made and the shop not degraded", TIMEOUT,
                    () -> client.services().inNamespace(quotaNamespace).withLabel(Shops.LABEL, "quota").list().getItems().size() == 3
                            && Shops.hasCondition(client, quotaNamespace, "quota", "Degraded", "False", null),
                    () -> Shops.describe(client, quotaNamespace, "quota"));
        } finally {
            client.namespaces().withName(quotaNamespace).delete();
        }
    }

    /** A two-service shop whose catalog has this spec is Degraded with this reason and message; its storefront runs. */
    private static void degradedWhileTheStorefrontRuns(String name, String catalog, String reason, String message) {
        Shops.apply(client, namespace, MinimalShops.yaml(name, images, catalog, ""));
        Shops.awaitCondition(client, namespace, name, "Degraded", "True", reason, TIMEOUT);
        assertThat(Shops.condition(client, namespace, name, "Degraded").orElseThrow().get("message").toString())
                .contains(message);
        awaitReadyDeployment(name + "-storefront");
    }

    private static void awaitReadyDeployment(String name) {
        Poll.until(name + " to be ready", TIMEOUT, () -> {
            Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
            return d != null && d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas());
        }, () -> TestCluster.describe(client, namespace));
    }
}
