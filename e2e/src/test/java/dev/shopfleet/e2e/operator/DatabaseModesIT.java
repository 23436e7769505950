package dev.shopfleet.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** External databases validated at runtime, and managed databases' data removed under deletionPolicy Delete. */
class DatabaseModesIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static KubernetesClient client;
    private static String namespace;
    private static String images;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        SharedOperator.get();
        images = TestImages.standInShopImages();
        namespace = TestCluster.createNamespace(client, "databases");
    }

    @AfterAll
    static void tearDown() {
        TestCluster.tearDown(client, namespace);
    }

    @Test
    void anExternalDatabaseWaitsForAValidSecretAndThenServes() {
        Shops.apply(client, namespace, MinimalShops.yaml("external", images,
                "{database: {mode: external, secretName: catalog-pg}}", ""));
        Shops.awaitCondition(client, namespace, "external", "Degraded", "True", "ExternalDatabaseInvalid", TIMEOUT);
        assertThat(Shops.condition(client, namespace, "external", "Degraded").orElseThrow().get("message").toString())
                .contains("catalog: Secret catalog-pg not found");
        assertThat(client.apps().deployments().inNamespace(namespace).withName("external-catalog").get())
                .as("catalog waits for its database").isNull();
        Poll.until("storefront, which has no database, to start meanwhile", TIMEOUT,
                () -> client.apps().deployments().inNamespace(namespace).withName("external-storefront").get() != null,
                () -> TestCluster.describe(client, namespace));

        startPostgres("catalog-pg", "catalog", "s3cret-catalog");
        client.resource(new SecretBuilder().withNewMetadata().withName("catalog-pg").withNamespace(namespace).endMetadata()
                .addToStringData("host", "catalog-pg").addToStringData("port", "5432")
                .addToStringData("database", "catalog").addToStringData("username", "catalog")
                .addToStringData("password", "s3cret-catalog").build()).create();

        Shops.awaitReady(client, namespace, "external", TIMEOUT);
        assertThat(Shops.condition(client, namespace, "external", "Degraded").orElseThrow()).containsEntry("status", "False");
        assertThat(Shops.status(client, namespace, "external").get("services").toString()).contains("database=External");
        assertThat(client.apps().statefulSets().inNamespace(namespace).withLabel(Shops.LABEL, "external").list().getItems())
                .as("no managed database for an external one").isEmpty();
    }

    @Test
    void underDeleteTheDataGoesWithTheShop() {
        Shops.apply(client, namespace, MinimalShops.yaml("ephemeral", images, "{}", "deletionPolicy: Delete"));
        Shops.awaitReady(client, namespace, "ephemeral", TIMEOUT);
        assertThat(client.secrets().inNamespace(namespace).withName("ephemeral-catalog-db").get().getMetadata()
                .getOwnerReferences()).hasSize(1);
        assertThat(client.persistentVolumeClaims().inNamespace(namespace).withName("data-ephemeral-catalog-db-0").get())
                .isNotNull();

        Shops.shop(client, namespace, "ephemeral").delete();
        Poll.until("the shop's credentials and volume to be deleted", TIMEOUT,
                () -> client.secrets().inNamespace(namespace).withName("ephemeral-catalog-db").get() == null
                        && client.persistentVolumeClaims().inNamespace(namespace).withName("data-ephemeral-catalog-db-0")
                                .get() == null,
                () -> TestCluster.describe(client, namespace));
    }

    private static void startPostgres(String name, String user, String password) {
        client.resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).addToLabels("app", name).endMetadata()
                .withNewSpec()
                .withSecurityContext(TestCluster.restrictedPod(999))
                .withContainers(new ContainerBuilder().withName("postgres").withImage(TestCluster.postgresImage())
                        .withEnv(List.of(new EnvVar("POSTGRES_USER", user, null),
                                new EnvVar("POSTGRES_PASSWORD", password, null)))
                        .withSecurityContext(TestCluster.restrictedContainer())
                        .addNewVolumeMount().withName("data").withMountPath("/var/lib/postgresql/data").endVolumeMount()
                        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                        .addNewVolumeMount().withName("run").withMountPath("/var/run/postgresql").endVolumeMount()
                        .build())
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("run").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().build()).create();
        client.resource(new ServiceBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().addToSelector("app", name).addNewPort().withPort(5432).endPort().endSpec().build()).create();
    }
}
