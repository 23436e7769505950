package dev.shopfleet.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the cluster is a real one: a Ready node runs an image we built, a Service routes to it by
 * its DNS name from another pod, and the garbage collector follows owner references.
 */
class ClusterSmokeIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Map<String, String> ECHO_LABELS = Map.of("app.kubernetes.io/name", "echo");

    private static KubernetesClient client;
    private static String namespace;
    private static String image;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        namespace = TestCluster.createNamespace(client, "smoke");
        image = TestImages.echo();
    }

    @AfterAll
    static void tearDown() {
        TestCluster.tearDown(client, namespace);
    }

    @Test
    void aRealNodeIsReady() {
        List<Node> realNodes = client.nodes().list().getItems().stream()
                .filter(n -> !TestCluster.FAKE_NODE_VALUE.equals(n.getMetadata().getLabels().get(TestCluster.FAKE_NODE_LABEL)))
                .toList();
        assertThat(realNodes).isNotEmpty();
        assertThat(realNodes).anySatisfy(node -> assertThat(node.getStatus().getConditions())
                .anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("Ready");
                    assertThat(c.getStatus()).isEqualTo("True");
                }));
    }

    @Test
    void ourImageServesThroughAClusterIpServiceByDnsNameFromAnotherPod() {
        client.resource(echoDeployment("echo", 2)).create();
        client.resource(new ServiceBuilder()
                .withNewMetadata().withName("echo").withNamespace(namespace).endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(ECHO_LABELS)
                .addNewPort().withName("http").withPort(80).withNewTargetPort(EchoServer.PORT).endPort()
                .endSpec()
                .build()).create();
        Poll.until("deployment echo to have 2 ready replicas", TIMEOUT,
                () -> readyReplicas("echo") == 2, () -> TestCluster.describe(client, namespace));

        String url = "http://echo." + namespace + ".svc.cluster.local/";
        client.resource(new PodBuilder()
                .withNewMetadata().withName("caller").withNamespace(namespace).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withSecurityContext(TestCluster.restrictedPod(65532))
                .withContainers(echoContainer(List.of("fetch", url)))
                .endSpec()
                .build()).create();
        Poll.until("pod caller to finish", TIMEOUT, () -> {
            String phase = client.pods().inNamespace(namespace).withName("caller").get().getStatus().getPhase();
            return "Succeeded".equals(phase) || "Failed".equals(phase);
        }, () -> TestCluster.describe(client, namespace));

        Pod caller = client.pods().inNamespace(namespace).withName("caller").get();
        String log = client.pods().inNamespace(namespace).withName("caller").getLog();
        assertThat(caller.getStatus().getPhase()).as("caller's log:\n%s", log).isEqualTo("Succeeded");
        assertThat(log).contains("status=200 body=echo from echo-");
    }

    @Test
    void deletingADeploymentGarbageCollectsItsReplicaSetAndPods() {
        client.resource(echoDeployment("doomed", 1)).create();
        Poll.until("deployment doomed to have its pod", TIMEOUT, () -> !podsOf("doomed").isEmpty(),
                () -> TestCluster.describe(client, namespace));
        assertThat(client.apps().replicaSets().inNamespace(namespace).withLabel("app.kubernetes.io/instance", "doomed")
                .list().getItems()).hasSize(1);

        client.apps().deployments().inNamespace(namespace).withName("doomed")
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

        Poll.until("the garbage collector to remove the ReplicaSet and pods of deployment doomed", TIMEOUT,
                () -> podsOf("doomed").isEmpty() && client.apps().replicaSets().inNamespace(namespace)
                        .withLabel("app.kubernetes.io/instance", "doomed").list().getItems().isEmpty(),
                () -> TestCluster.describe(client, namespace));
    }

    private int readyReplicas(String deployment) {
        Integer ready = client.apps().deployments().inNamespace(namespace).withName(deployment).get()
                .getStatus().getReadyReplicas();
        return ready == null ? 0 : ready;
    }

    private List<Pod> podsOf(String instance) {
        return client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/instance", instance).list().getItems();
    }

    private Deployment echoDeployment(String name, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector().withMatchLabels(ECHO_LABELS).addToMatchLabels("app.kubernetes.io/instance", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(ECHO_LABELS).addToLabels("app.kubernetes.io/instance", name).endMetadata()
                .withNewSpec()
                .withSecurityContext(TestCluster.restrictedPod(65532))
                .withContainers(new ContainerBuilder(echoContainer(List.of()))
                        .addNewPort().withContainerPort(EchoServer.PORT).endPort()
                        .withNewReadinessProbe().withNewTcpSocket().withNewPort(EchoServer.PORT).endTcpSocket()
                        .withPeriodSeconds(1).endReadinessProbe()
                        .build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Container echoContainer(List<String> args) {
        return new ContainerBuilder()
                .withName("echo")
                .withImage(image)
                .withArgs(args)
                .withNewResources().addToRequests("memory", new Quantity("64Mi")).addToLimits("memory", new Quantity("256Mi"))
                .endResources()
                .withSecurityContext(TestCluster.restrictedContainer())
                .build();
    }

}
