package dev.shopfleet.e2e.fleet;

import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Room for a fleet of shops on kwok's fake nodes: nodes enough for its pods, and a StorageClass whose claims this
 * class binds the moment they appear (a real provisioner makes a directory on the node, and these nodes do not exist).
 * Removes what it made when closed.
 */
public final class FakeCapacity implements AutoCloseable {
    public static final String STORAGE_CLASS = "fleet-fake";
    static final String NODE_LABEL = "shopfleet.dev/fleet-node";
    private static final int PODS_PER_NODE = 1000;
    private static final int BINDERS = 16;
    private static final Duration RESYNC = Duration.ofSeconds(10);
    private final KubernetesClient client;
    private final SharedIndexInformer<PersistentVolumeClaim> claims;

    private final ExecutorService binders;

    private FakeCapacity(KubernetesClient client, SharedIndexInformer<PersistentVolumeClaim> claims, ExecutorService binders) {
        this.client = client;
        this.claims = claims;
        this.binders = binders;
    }

    /** Fake nodes for {@code pods} more pods (kwok runs them), and the volume binder. */
    public static FakeCapacity forPods(KubernetesClient client, int pods) {
        int nodes = pods / PODS_PER_NODE + 1;
        for (int i = 0; i < nodes; i++) {
            client.resource(fakeNode("fleet-node-" + i)).createOr(existing -> existing.update());
        }
        Poll.until(nodes + " fleet nodes to be Ready", Duration.ofMinutes(1), () -> client.nodes().withLabel(NODE_LABEL)
                .list().getItems().stream().filter(FakeCapacity::ready).count() >= nodes);
        client.resource(new StorageClassBuilder().withNewMetadata().withName(STORAGE_CLASS).endMetadata()
                .withProvisioner("shopfleet.dev/fleet-benchmark").withVolumeBindingMode("Immediate")
                .withReclaimPolicy("Retain").build()).createOr(existing -> existing.update());
        // workers, as a provisioner has: one at a time would hold a fleet's databases back behind the benchmark itself
        ExecutorService binders = Executors.newFixedThreadPool(BINDERS);
        SharedIndexInformer<PersistentVolumeClaim> claims = client.persistentVolumeClaims().inAnyNamespace()
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(PersistentVolumeClaim claim) {
                        binders.execute(() -> bind(client, claim));
                    }

                    @Override
                    public void onUpdate(PersistentVolumeClaim before, PersistentVolumeClaim claim) {
                        binders.execute(() -> bind(client, claim));
                    }

                    @Override
                    public void onDelete(PersistentVolumeClaim claim, boolean unknown) {
                        client.persistentVolumes().withName(volumeName(claim)).delete();
                    }
                }, RESYNC.toMillis()); // a claim whose binding failed (the API server away) is tried again at a resync
        return new FakeCapacity(client, claims, binders);
    }

    // What a provisioner and the API server's binder do together, at once: a volume made for the claim and both bound
    // to each other (the binder alone, one claim at a time, would take minutes for a fleet's databases on this machine).
    private static void bind(KubernetesClient client, PersistentVolumeClaim claim) {
        if (!STORAGE_CLASS.equals(claim.getSpec().getStorageClassName()) || claim.getSpec().getVolumeName() != null) {
            return;
        }
        String volume = volumeName(claim);
        Map<String, Quantity> size = Map.of("storage", claim.getSpec().getResources().getRequests()
                .getOrDefault("storage", new Quantity("1Gi")));
        try {
            PersistentVolume made = Optional.ofNullable(client.persistentVolumes().withName(volume).get()).orElseGet(() -> client.resource(new PersistentVolumeBuilder()
                    .withNewMetadata().withName(volume).addToLabels(NODE_LABEL, "volume")
                    .addToAnnotations("pv.kubernetes.io/bound-by-controller", "yes").endMetadata()
                    .withNewSpec()
                    .withStorageClassName(STORAGE_CLASS)
                    .withAccessModes(claim.getSpec().getAccessModes())
                    .withCapacity(size)
                    .withPersistentVolumeReclaimPolicy("Retain")
                    .withNewHostPath().withPath("/nonexistent/fleet").endHostPath()
                    .withNewClaimRef().withNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
                    .withUid(claim.getMetadata().getUid()).endClaimRef()
                    .endSpec().build()).create()); // made already when an earlier attempt failed half-way
            made.setStatus(new PersistentVolumeStatusBuilder().withPhase("Bound").build());
            client.resource(made).updateStatus();
            PersistentVolumeClaim bound = client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace())
                    .withName(claim.getMetadata().getName()).edit(c -> {
                        c.getMetadata().setAnnotations(new java.util.HashMap<>(Optional.ofNullable(c.getMetadata().getAnnotations())
                                .orElse(Map.of())));
                        c.getMetadata().getAnnotations().put("pv.kubernetes.io/bind-completed", "yes");
                        c.getSpec().setVolumeName(volume);
                        return c;
                    });
            bound.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase("Bound").withCapacity(size)
                    .withAccessModes(claim.getSpec().getAccessModes()).build());
            client.resource(bound).updateStatus();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) { // 409: being made at once for another event of the same claim
                System.err.println("fake volume for " + claim.getMetadata().getNamespace() + "/" + claim.getMetadata().getName()
                        + " not made yet: " + e.getMessage()); // a worker's exception would vanish: say it
            }
        }
    }

    private static String volumeName(PersistentVolumeClaim claim) {
        return "fleet-" + claim.getMetadata().getUid();
    }

    private static Node fakeNode(String name) {
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity("1000"), "memory", new Quantity("4Ti"),
                "pods", new Quantity(Integer.toString(PODS_PER_NODE)));
        return new NodeBuilder()
                .withNewMetadata().withName(name)
                .addToLabels(TestCluster.FAKE_NODE_LABEL, TestCluster.FAKE_NODE_VALUE)
                .addToLabels("kubernetes.io/hostname", name).addToLabels(NODE_LABEL, "node")
                .addToAnnotations("kwok.x-k8s.io/node", "fake").addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                .endMetadata()
                .withNewSpec().addNewTaint().withKey("kwok.x-k8s.io/node").withValue("fake").withEffect("NoSchedule").endTaint()
                .endSpec()
                .withNewStatus().withCapacity(capacity).withAllocatable(capacity).endStatus()
                .build();
    }

    private static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public void close() {
        claims.close();
        binders.shutdownNow();
        // One request per volume, a few at once: the claims' deletions may leave hundreds (their volumes are deleted one
        // by one on the informer's thread), and one collection delete of up to 350 (OperatorKillIT's 50 shops)
        // outlasted the client's 10 s in CI.
        List<String> volumes = client.persistentVolumes().withLabel(NODE_LABEL, "volume").list().getItems().stream()
                .map(volume -> volume.getMetadata().getName()).toList();
        Fleet.parallel(volumes, BINDERS, volume -> client.persistentVolumes().withName(volume).delete());
        client.nodes().withLabel(NODE_LABEL, "node").delete();
    }
}
