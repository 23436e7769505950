package dev.shopfleet.e2e;

import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Packets sent from inside a pod, as that pod: each check is an ephemeral container (the local cluster's busybox
 * image) in the pod's network namespace, so it has the pod's address, labels and ServiceAccount in the eyes of the
 * network policy, and it exits with the answer. A refused connection is a drop (timeout) or a reset, both within
 * {@link #CONNECT_TIMEOUT}.
 */
public final class Probe {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CONTAINER_START = Duration.ofSeconds(90);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Probe() {
    }

    public static String image() {
        return TestCluster.registry() + "/shopfleet/probe:1";
    }

    /** Whether a TCP connection from the pod to {@code host:port} is accepted. */
    public static boolean connects(KubernetesClient client, Pod from, String host, int port) {
        return run(client, from, "nc", "-w", Long.toString(CONNECT_TIMEOUT.toSeconds()), host, Integer.toString(port),
                "-e", "/usr/bin/true") == 0;
    }

    /** Whether the pod can resolve {@code name} through the cluster's DNS. */
    public static boolean resolves(KubernetesClient client, Pod from, String name) {
        return run(client, from, "nslookup", name) == 0;
    }

    /** A pod that only waits, to send packets from: in {@code namespace}, with {@code labels}. */
    public static Pod standalone(KubernetesClient client, String namespace, String name, Map<String, String> labels) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .withNewSpec()
                .withSecurityContext(TestCluster.restrictedPod(65532))
                .withAutomountServiceAccountToken(false)
                .withTerminationGracePeriodSeconds(0L)
                .addNewContainer().withName("wait").withImage(image()).withArgs("sleep", "3600")
                .withSecurityContext(TestCluster.restrictedContainer()).endContainer()
                .endSpec()
                .build();
        client.resource(pod).create();
        Poll.until("pod " + namespace + "/" + name + " running", CONTAINER_START,
                () -> "Running".equals(client.pods().inNamespace(namespace).withName(name).get().getStatus().getPhase()),
                () -> TestCluster.describe(client, namespace));
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    private static int run(KubernetesClient client, Pod from, String... command) {
        String namespace = from.getMetadata().getNamespace();
        String pod = from.getMetadata().getName();
        String name = "probe-" + COUNTER.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        List<String> args = new ArrayList<>(List.of(command));
        EphemeralContainer container = new EphemeralContainerBuilder()
                .withName(name).withImage(image()).withCommand("/usr/bin/busybox").withArgs(args)
                .withSecurityContext(TestCluster.restrictedContainer())
                .build();
        client.pods().inNamespace(namespace).withName(pod).ephemeralContainers()
                .edit(p -> new PodBuilder(p).editSpec().addToEphemeralContainers(container).endSpec().build());
        AtomicReference<ContainerStateTerminated> done = new AtomicReference<>();
        Poll.until(name + " " + String.join(" ", command) + " in " + namespace + "/" + pod + " to finish", CONTAINER_START, () -> {
            var status = client.pods().inNamespace(namespace).withName(pod).get().getStatus();
            status.getEphemeralContainerStatuses().stream()
                    .filter(s -> s.getName().equals(name))
                    .map(s -> s.getState() == null ? null : s.getState().getTerminated())
                    .filter(Objects::nonNull)
                    .findFirst().ifPresent(done::set);
            return done.get() != null;
        }, () -> TestCluster.describe(client, namespace));
        return done.get().getExitCode();
    }
}
