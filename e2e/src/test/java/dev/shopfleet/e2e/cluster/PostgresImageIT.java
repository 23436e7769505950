package dev.shopfleet.e2e.cluster;

import static dev.shopfleet.e2e.operator.OperatorProcess.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
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

    /**
     * The operator's way: the image runs /docker-entrypoint-initdb.d once, and the operator's script (the one its
     * ConfigMap carries) makes the service's role, which owns its database and is no superuser.
     */
    @Test
    void theInitScriptsRunOnceAndTheServicesRoleIsNoSuperuser() throws Exception {
        String script = Files.readString(REPO.resolve("operator/src/main/resources/database-init/10-service-role.sh"));
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("init").withNamespace(namespace).endMetadata()
                .addToData("10-service-role.sh", script).build()).create();
        Pod server = pod("with-roles", List.of(), List.of(new EnvVar("POSTGRES_USER", "postgres", null),
                new EnvVar("POSTGRES_PASSWORD", "admin-secret", null), new EnvVar("POSTGRES_DB", "cart", null),
                new EnvVar("SHOP_SERVICE_DB_USER", "cart", null), new EnvVar("SHOP_SERVICE_DB_PASSWORD", "cart-secret", null)));
        server.getSpec().getContainers().get(0).getVolumeMounts().add(new VolumeMountBuilder().withName("init")
                .withMountPath("/docker-entrypoint-initdb.d").withReadOnly(true).build());
        server.getSpec().getVolumes().add(new VolumeBuilder().withName("init").withNewConfigMap().withName("init")
                .withDefaultMode(0555).endConfigMap().build());
        client.resource(server).create();
        Poll.until("the server with roles to accept connections", TIMEOUT, () -> {
            Pod pod = client.pods().inNamespace(namespace).withName("with-roles").get();
            return pod.getStatus().getPodIP() != null && client.pods().inNamespace(namespace).withName("with-roles").getLog()
                    .contains("database system is ready to accept connections");
        }, () -> TestCluster.describe(client, namespace));
        String ip = client.pods().inNamespace(namespace).withName("with-roles").get().getStatus().getPodIP();
        Pod asService = runPsql("as-service", ip, "cart", "cart", "cart-secret",
                "select current_user, rolsuper, (select pg_get_userbyid(datdba) from pg_database where datname = 'cart') "
                        + "from pg_roles where rolname = current_user");
        assertThat(asService.getStatus().getPhase()).as(log("as-service")).isEqualTo("Succeeded");
        assertThat(log("as-service")).contains("cart|f|cart");
        Pod asSuperuser = runPsql("as-superuser", ip, "postgres", "cart", "admin-secret", "select rolsuper from pg_roles where rolname = current_user");
        assertThat(asSuperuser.getStatus().getPhase()).as(log("as-superuser")).isEqualTo("Succeeded");
        assertThat(log("as-superuser")).contains("t");
    }

    @Test
    void aWrongPasswordIsRefused() {
        Pod client = runPsql("wrong-password", "battery-staple");
        assertThat(client.getStatus().getPhase()).isEqualTo("Failed");
        assertThat(log("wrong-password")).contains("password authentication failed for user \"shop\"");
    }

    private Pod runPsql(String name, String password) {
        return runPsql(name, serverIp, "shop", "catalog", password, "select current_database(), current_user, version()");
    }

    private Pod runPsql(String name, String host, String user, String database, String password, String sql) {
        client.resource(pod(name, List.of("psql", "-h", host, "-U", user, "-d", database, "-tAc", sql),
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
