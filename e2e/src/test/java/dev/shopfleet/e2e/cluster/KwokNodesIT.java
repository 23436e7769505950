package dev.shopfleet.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** kwok's fake nodes (cluster up --kwok N) take pods and report them Running without containers. */
class KwokNodesIT {
    private static KubernetesClient client;
    private static String namespace;

    @BeforeAll
    static void setUp() {
        client = TestCluster.client();
        assertThat(client.nodes().withLabel(TestCluster.FAKE_NODE_LABEL, TestCluster.FAKE_NODE_VALUE).list().getItems())
                .as("kwok nodes: bring the cluster up with `e2e/cluster/cluster up --kwok N`, or leave this test out"
                        + " on a cluster without kwok (-Dit.test='!KwokNodesIT')")
                .isNotEmpty();
        namespace = TestCluster.createNamespace(client, "kwok");
    }

    @AfterAll
    static void tearDown() {
        TestCluster.tearDown(client, namespace);
    }

    @Test
    void aPodScheduledOnAFakeNodeRunsThere() {
        client.resource(new PodBuilder()
                .withNewMetadata().withName("fake").withNamespace(namespace).endMetadata()
                .withNewSpec()
                .addToNodeSelector(TestCluster.FAKE_NODE_LABEL, TestCluster.FAKE_NODE_VALUE)
                .addNewToleration().withKey("kwok.x-k8s.io/node").withOperator("Exists").withEffect("NoSchedule")
                .endToleration()
                .withSecurityContext(TestCluster.restrictedPod(65532))
                .addNewContainer().withName("app").withImage("fake.invalid/never-pulled:1")
                .withSecurityContext(TestCluster.restrictedContainer()).endContainer()
                .endSpec()
                .build()).create();

        Poll.until("the pod on a kwok node to be Running", Duration.ofMinutes(1),
                () -> "Running".equals(client.pods().inNamespace(namespace).withName("fake").get().getStatus().getPhase()),
                () -> TestCluster.describe(client, namespace));
        Pod pod = client.pods().inNamespace(namespace).withName("fake").get();
        assertThat(pod.getSpec().getNodeName()).startsWith("kwok-node-");
    }
}
