package dev.shopfleet.e2e.operator;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broker image's EventsTool in a pod of its own, as an SRE would run it: one client of a shop's broker, with a
 * user and password (a client service's, from the broker's Secret, or any), publishing or reading events. What it
 * printed and how it exited is what the broker allowed.
 */
final class EventsToolPod {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** What the tool printed, and its exit code. */
    record Run(int exitCode, String output) {
    }

    private EventsToolPod() {
    }

    /** As client service {@code user}, with its password from the shop's broker Secret. */
    static Run asService(KubernetesClient client, String namespace, String shop, String image, String user, String... args) {
        EnvVar password = new EnvVarBuilder().withName(BrokerContract.ENV_PASSWORD).withNewValueFrom().withNewSecretKeyRef()
                .withName(shop + "-broker").withKey(user + "-password").endSecretKeyRef().endValueFrom().build();
        return run(client, namespace, ownBroker(shop), image, user, password, args);
    }

    /** As {@code user} with a password of the caller's choosing. */
    static Run withPassword(KubernetesClient client, String namespace, String shop, String image, String user, String password,
            String... args) {
        return onBroker(client, namespace, ownBroker(shop), image, user, password, args);
    }

    /** As {@code user} with {@code password}, on the broker at {@code bootstrapServers} (a shop's own or another). */
    static Run onBroker(KubernetesClient client, String namespace, String bootstrapServers, String image, String user,
            String password, String... args) {
        return run(client, namespace, bootstrapServers, image, user, new EnvVar(BrokerContract.ENV_PASSWORD, password, null), args);
    }

    private static String ownBroker(String shop) {
        return shop + "-broker:" + BrokerContract.CLIENT_PORT;
    }

    private static Run run(KubernetesClient client, String namespace, String bootstrapServers, String image, String user,
            EnvVar password, String... args) {
        String name = "events-tool-" + COUNTER.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-cp", "@/app/jib-classpath-file",
                "dev.shopfleet.broker.EventsTool"));
        command.addAll(List.of(args));
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withSecurityContext(TestCluster.restrictedPod(65532))
                .withAutomountServiceAccountToken(false)
                .addNewContainer().withName("tool").withImage(image).withCommand(command)
                .withEnv(new EnvVar(BrokerContract.ENV_BOOTSTRAP_SERVERS, bootstrapServers, null),
                        new EnvVar(BrokerContract.ENV_USERNAME, user, null), password)
                .withSecurityContext(TestCluster.restrictedContainer())
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .build();
        client.resource(pod).create();
        try {
            Poll.until("EventsTool " + String.join(" ", args) + " as " + user + " to finish", RUN_TIMEOUT, () -> {
                String phase = client.pods().inNamespace(namespace).withName(name).get().getStatus().getPhase();
                return "Succeeded".equals(phase) || "Failed".equals(phase);
            }, () -> TestCluster.describe(client, namespace));
            Pod done = client.pods().inNamespace(namespace).withName(name).get();
            int exit = done.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode();
            return new Run(exit, client.pods().inNamespace(namespace).withName(name).getLog());
        } finally {
            client.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
        }
    }
}
