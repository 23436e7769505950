package dev.shopfleet.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.testkit.Poll;
import dev.shopfleet.e2e.TestCluster;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL image the local cluster builds (the operator's managed databases run on it) honours
 * the usual contract: POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, password auth over the network.
 */
class PostgresImageIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final long POSTGRES_UID = 999;

    private static KubernetesClient client;
    private static String namespace;
    private static String serverIp;

    @BeforeAll
    static void startServer() {
        client = TestCluster.client();
        namespace = TestCluster.createNamespace(client, "pg-image");
        client.resource(pod("server", List.of(), List.of(
                        new EnvVar("POSTGRES_USER", "shop", null),
                        new EnvVar("POSTGRES_PASSWORD", "correct-horse", null),
                        new EnvVar("POSTGRES_DB", "catalog", null))))
                .create();
        Poll.until("the PostgreSQL server to accept connections", TIMEOUT, () -> {
            Pod server = client.pods().inNamespace(namespace).withName("server").get();
            return server.getStatus().getPodIP() != null
                    && client.pods().inNamespace(namespace).withName("server").getLog()
                            .contains("database system is ready to accept connections");
        }, () -> TestCluster.describe(client, namespace));
        serverIp = client.pods().inNamespace(namespace).withName("server").get().getStatus().getPodIP();
    }

    @AfterAll
    static void tearDown() {
        TestCluster.tearDown(client, namespace);
    }

    @Test
    void theConfiguredUserReachesTheConfiguredDatabaseWithItsPassword() {
        Pod client = runPsql("right-password", "correct-horse");
        assertThat(client.getStatus().getPhase()).as(log("right-password")).isEqualTo("Succeeded");
        assertThat(log("right-password")).contains("catalog|shop|PostgreSQL 15");
    }

    @Test
    void aWrongPasswordIsRefused() {
        Pod client = runPsql("wrong-password", "battery-staple");
        assertThat(client.getStatus().getPhase()).isEqualTo("Failed");
        assertThat(log("wrong-password")).contains("password authentication failed for user \"shop\"");
    }

    private Pod runPsql(String name, String password) {
        client.resource(pod(name,
                List.of("psql", "-h", serverIp, "-U", "shop", "-d", "catalog", "-tAc",
                        "select current_database(), current_user, version()"),
                List.of(new EnvVar("PGPASSWORD", password, null), new EnvVar("PGCONNECT_TIMEOUT", "10", null))))
                .create();
        Poll.until("psql in pod " + name + " to finish", TIMEOUT, () -> {
            String phase = client.pods().inNamespace(namespace).withName(name).get().getStatus().getPhase();
            return "Succeeded".equals(phase) || "Failed".equals(phase);
        }, () -> TestCluster.describe(client, namespace));
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    private String log(String pod) {
        return client.pods().inNamespace(namespace).withName(pod).getLog();
    }

    /** A pod of the PostgreSQL image: the server when command is empty, else that command once. */
    private static Pod pod(String name, List<String> command, List<EnvVar> env) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec()
                .withRestartPolicy(command.isEmpty() ? "Always" : "Never")
                .withSecurityContext(TestCluster.restrictedPod(POSTGRES_UID))
                .withContainers(new ContainerBuilder()
                        .withName("postgres")
                        .withImage(TestCluster.postgresImage())
                        .withCommand(command)
                        .withEnv(env)
                        .withSecurityContext(TestCluster.restrictedContainer())
                        .addNewVolumeMount().withName("data").withMountPath("/var/lib/postgresql/data").endVolumeMount()
                        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                        .build())
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .build();
    }
}
