package dev.shopfleet.e2e;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The cluster the end-to-end tests run against: KUBECONFIG's (the local cluster from
 * {@code e2e/cluster/cluster up}, or any other), with images pushed to {@code shopfleet.registry}.
 */
public final class TestCluster {
    /** Label of kwok's fake nodes, which run no containers. */
    public static final String FAKE_NODE_LABEL = "type";
    public static final String FAKE_NODE_VALUE = "kwok";

    private TestCluster() {
    }

    /**
     * Waits 30 s for an answer, as the operator does, not the client's default 10 s: listing a fleet's 800 Deployments
     * while they roll out took the API server longer than 10 s in one CI run.
     */
    public static KubernetesClient client() {
        return new KubernetesClientBuilder().editOrNewConfig().withRequestTimeout(30_000).endConfig().build();
    }

    public static String registry() {
        return System.getProperty("shopfleet.registry", "127.0.0.1:5000");
    }

    public static String baseImage() {
        return System.getProperty("shopfleet.base-image", registry() + "/shopfleet/jre:25");
    }

    /** An image following the usual PostgreSQL contract that runs as UID 999; the local cluster builds one. */
    public static String postgresImage() {
        return System.getProperty("shopfleet.postgres-image", registry() + "/shopfleet/postgres:15");
    }

    /** A fresh namespace that enforces the Pod Security "restricted" profile. */
    public static String createNamespace(KubernetesClient client, String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Namespace namespace = new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .addToLabels("app.kubernetes.io/part-of", "shopfleet-e2e")
                .endMetadata()
                .build();
        client.resource(namespace).create();
        return name;
    }

    /** Deletes a test's namespace (if it got one) and closes its client. */
    public static void tearDown(KubernetesClient client, String namespace) {
        if (namespace != null) {
            client.namespaces().withName(namespace).delete();
        }
        client.close();
    }

    /** Pod settings the Pod Security "restricted" profile admits. */
    public static PodSecurityContext restrictedPod(long user) {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(user)
                .withFsGroup(user)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    public static SecurityContext restrictedContainer() {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().addToDrop("ALL").endCapabilities()
                .build();
    }

    /** What a person debugging a failed wait wants to see: the namespace's pods and its Events. */
    public static String describe(KubernetesClient client, String namespace) {
        String pods = client.pods().inNamespace(namespace).list().getItems().stream()
                .map(TestCluster::describe)
                .collect(Collectors.joining("\n"));
        String events = client.v1().events().inNamespace(namespace).list().getItems().stream()
                .map(e -> "  " + e.getType() + " " + e.getReason() + " " + e.getInvolvedObject().getKind() + "/"
                        + e.getInvolvedObject().getName() + ": " + e.getMessage())
                .collect(Collectors.joining("\n"));
        return "pods in " + namespace + ":\n" + pods + "\nevents:\n" + events;
    }

    private static String describe(Pod pod) {
        return "  " + pod.getMetadata().getName() + " " + pod.getStatus().getPhase() + " "
                + pod.getStatus().getContainerStatuses().stream()
                        .map(s -> s.getName() + " ready=" + s.getReady() + " restarts=" + s.getRestartCount()
                                + " state=" + s.getState())
                        .collect(Collectors.joining("; "));
    }
}
