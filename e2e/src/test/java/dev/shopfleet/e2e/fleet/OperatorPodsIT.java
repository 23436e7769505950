package dev.shopfleet.e2e.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.e2e.AuditLog;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import dev.shopfleet.e2e.operator.OperatorProcess;
import dev.shopfleet.e2e.operator.SharedOperator;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator as its install manifest runs it: two pods of one Deployment, one leading. The leader's pod killed ->
 * the standby holds the Lease within the lease duration and carries out a change made while nobody led. The
 * Deployment switched to another build and version of the operator -> the stopped leader hands its Lease over at
 * once, no shop pod restarts and no child is written.
 */
@TestMethodOrder(OrderAnnotation.class)
class OperatorPodsIT {
    private static final int SHOPS = 10;
    private static final String IMAGE = TestCluster.registry() + "/shopfleet/operator";
    private static final String VERSION_A = TestImages.shopImagesTag();
    /** The second build ./shopfleet test pushes (build_operator_image with the project's version + "-next"). */
    private static final String VERSION_B = VERSION_A + "-next";
    private static final String LEASE = "shopfleet-operator";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static KubernetesClient client;
    private static FakeCapacity capacity;
    private static Fleet fleet;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        for (String version : List.of(VERSION_A, VERSION_B)) {
            assertThat(pushed(version)).as("operator image %s:%s in the cluster's registry (./shopfleet test builds it; "
                    + "by hand: build_operator_image in ./shopfleet)", IMAGE, version).isTrue();
        }
        SharedOperator.release();
        OperatorProcess.install(client);
        capacity = FakeCapacity.forPods(client, SHOPS * Fleet.PODS_PER_SHOP);
        fleet = Fleet.namespaces(client, "pods", SHOPS);
        apply(VERSION_A);
        awaitRollout(VERSION_A);
        fleet.applyShops("v1");
        fleet.awaitReady(System.nanoTime(), Duration.ofMinutes(5));
    }

    @AfterAll
    static void tearDown() {
        try {
            if (fleet != null) {
                fleet.delete(Duration.ofMinutes(5));
            }
        } finally {
            // Its pods hold the Lease: the operator processes of the tests that follow could never lead.
            client.apps().deployments().inNamespace(OperatorProcess.NAMESPACE).withName("shopfleet-operator").delete();
            Poll.until("the operator's pods to be gone", Duration.ofMinutes(1), () -> operatorPods().isEmpty());
            if (capacity != null) {
                capacity.close();
            }
            client.close();
        }
    }

    @Test
    @Order(1)
    void theStandbyTakesOverWithinTheLeaseAndCarriesOutAChangeMadeMeanwhile() {
        LeaseSpec lease = lease();
        String leader = lease.getHolderIdentity();
        Pod leaderPod = pod(leader);
        String standby = operatorPods().stream().map(p -> p.getMetadata().getName()).filter(n -> !n.equals(leader))
                .findFirst().orElseThrow();
        Duration leaseDuration = Duration.ofSeconds(lease.getLeaseDurationSeconds());
        String node = leaderPod.getSpec().getNodeName();
        // The Deployment replaces a killed pod at once; kept from scheduling, the replacement cannot race the standby.
        setUnschedulable(node, true);
        try {
            Instant killed = Instant.now();
            client.pods().resource(leaderPod).withGracePeriod(0).delete();
            fleet.changeTag("v2"); // while nobody leads
            Handover handover = awaitHandover(lease, leaseDuration.multipliedBy(3));
            assertThat(handover.next().getHolderIdentity()).as("the new leader").isEqualTo(standby);
            Duration takeover = Duration.between(killed, Instant.now());
            Duration lapse = handover.gap();
            long readyMillis = fleet.awaitReady(System.nanoTime(), Duration.ofMinutes(3));
            System.out.printf("leader %s killed; %s led %.1f s later, %.1f s after the last renewal (lease %d s); "
                    + "%d shops Ready on v2 %.1f s after that%n", leader, standby, takeover.toMillis() / 1000.0,
                    lapse.toMillis() / 1000.0, leaseDuration.toSeconds(), SHOPS, readyMillis / 1000.0);
            // Deleted with grace period 0, the pod still gets SIGTERM and 2 s (the kubelet's least grace): an operator
            // that stops in time hands the Lease back. Else the Lease lapses a lease duration after the leader's last
            // renewal; either way the standby looks every 2 s plus up to 120 % of that (fabric8 jitters by 1.2).
            assertThat(lapse).as("last renewal of the killed leader -> the standby leads")
                    .isLessThan(leaseDuration.plusMillis(4_400 + 500));
            assertThat(deploymentTags()).as("the fleet's Deployments' image tags").containsOnly("v2");
        } finally {
            setUnschedulable(node, false);
        }
        awaitRollout(VERSION_A);
    }

    @Test
    @Order(2)
    void anUpgradeOfTheOperatorRestartsNoShopPodAndWritesNoChild() {
        Poll.until("the fleet's rollouts to v2 to be over (old pods gone, Deployments' status final)", Duration.ofMinutes(2),
                OperatorPodsIT::rolledOut);
        Map<String, String> pods = fleetObjects(List.of(Pod.class), o -> o.getMetadata().getUid());
        Map<String, String> children = fleetObjects(Fleet.CHILD_KINDS, o -> o.getMetadata().getResourceVersion());
        Instant since = Instant.now();
        LeaseSpec before = lease();
        apply(VERSION_B);
        Handover handover = awaitHandover(before, Duration.ofMinutes(3)); // once the rollout stops the leader
        awaitRollout(VERSION_B);
        Pod leaderPod = pod(lease().getHolderIdentity());
        // JOSDK reconciles every shop in its cache when it starts leading: the writes below are what an upgrade does.
        Poll.until("version " + VERSION_B + " to have reconciled all " + SHOPS + " shops", Duration.ofMinutes(3),
                () -> reconciliations(leaderPod) >= SHOPS);

        assertThat(fleetObjects(List.of(Pod.class), o -> o.getMetadata().getUid())).as("the shops' pods (name -> uid)")
                .isEqualTo(pods);
        assertThat(fleetObjects(Fleet.CHILD_KINDS, o -> o.getMetadata().getResourceVersion()))
                .as("the shops' children (-> resourceVersion)").isEqualTo(children);
        assertThat(AuditLog.writesBy(OperatorProcess.USER, fleet.namespaces()::contains, since))
                .as("the operator's writes in the shops' namespaces but statuses and events")
                .filteredOn(w -> !w.contains("/status ") && !w.contains(" events ")).isEmpty();
        Duration leaseDuration = Duration.ofSeconds(before.getLeaseDurationSeconds());
        System.out.printf("operator %s -> %s: %d shop pods and %d children unchanged; %.0f reconciliations by %s; the "
                + "stopped leader's last renewal -> %s led: %.1f s (lease %d s)%n", VERSION_A, VERSION_B, pods.size(),
                children.size(), reconciliations(leaderPod), leaderPod.getMetadata().getName(),
                handover.next().getHolderIdentity(), handover.gap().toMillis() / 1000.0, leaseDuration.toSeconds());
        // Left to lapse, the Lease could not be taken before a lease duration after the last renewal.
        assertThat(handover.gap()).as("the stopped leader handed its Lease back").isLessThan(leaseDuration.dividedBy(2));
    }

    /** The install manifest's Deployment on {@code version}'s image, applied. */
    private static void apply(String version) {
        try (InputStream manifests = Files.newInputStream(OperatorProcess.REPO.resolve("operator/deploy/operator.yaml"))) {
            Deployment deployment = client.load(manifests).items().stream().filter(Deployment.class::isInstance)
                    .map(Deployment.class::cast).findFirst().orElseThrow();
            var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            container.setImage(IMAGE + ":" + version);
            client.resource(deployment).forceConflicts().serverSideApply();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every pod of the operator on {@code version}, both ready, none left of another version, one of them leading. */
    private static void awaitRollout(String version) {
        Poll.until("the operator's two pods on " + version + ", one leading", Duration.ofMinutes(3), () -> {
            List<Pod> pods = operatorPods();
            return pods.size() == 2 && pods.stream().allMatch(p -> p.getMetadata().getDeletionTimestamp() == null
                    && p.getSpec().getContainers().get(0).getImage().endsWith(":" + version)
                    && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                    && pods.stream().anyMatch(p -> p.getMetadata().getName().equals(lease().getHolderIdentity()));
        }, () -> operatorPods().stream().map(p -> p.getMetadata().getName() + " " + p.getStatus().getPhase())
                .collect(Collectors.joining(", ")) + "; Lease held by " + lease().getHolderIdentity());
    }

    private static List<Pod> operatorPods() {
        return client.pods().inNamespace(OperatorProcess.NAMESPACE).withLabel("app.kubernetes.io/name", "shopfleet-operator")
                .list().getItems();
    }

    /** The Lease passed on from a holder: its last renewal seen, and the Lease as the next holder took it. */
    private record Handover(ZonedDateTime lastRenewal, LeaseSpec next) {
        Duration gap() {
            return Duration.between(lastRenewal, next.getAcquireTime());
        }
    }

    /** Waits for another holder than {@code before}'s, noting the old holder's renewals meanwhile. */
    private static Handover awaitHandover(LeaseSpec before, Duration timeout) {
        String leader = before.getHolderIdentity();
        AtomicReference<ZonedDateTime> lastRenewal = new AtomicReference<>(before.getRenewTime());
        AtomicReference<LeaseSpec> next = new AtomicReference<>();
        Poll.until("the Lease to pass from " + leader, timeout, () -> {
            LeaseSpec now = lease();
            if (leader.equals(now.getHolderIdentity())) {
                lastRenewal.set(now.getRenewTime());
            } else if (now.getHolderIdentity() != null) {
                next.set(now);
            }
            return next.get() != null;
        });
        return new Handover(lastRenewal.get(), next.get());
    }

    /** The operator's Lease (empty while nobody has taken it). */
    private static LeaseSpec lease() {
        Lease lease = client.leases().inNamespace(OperatorProcess.NAMESPACE).withName(LEASE).get();
        return lease == null ? new LeaseSpec() : lease.getSpec();
    }

    private static Pod pod(String name) {
        return operatorPods().stream().filter(p -> p.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the Lease's holder " + name + " is none of the operator's pods"));
    }

    private static void setUnschedulable(String node, boolean unschedulable) {
        client.nodes().withName(node).edit(n -> {
            n.getSpec().setUnschedulable(unschedulable);
            return n;
        });
    }

    private static boolean rolledOut() {
        boolean podsSettled = client.pods().inAnyNamespace().withLabel(Fleet.LABEL_SHOP).list().getItems().stream()
                .filter(p -> fleet.namespaces().contains(p.getMetadata().getNamespace())).count() // terminating ones too
                == (long) SHOPS * Fleet.PODS_PER_SHOP;
        return podsSettled && client.apps().deployments().inAnyNamespace().withLabel(Fleet.LABEL_SHOP).list().getItems()
                .stream().filter(d -> fleet.namespaces().contains(d.getMetadata().getNamespace())).allMatch(d ->
                        Objects.equals(d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration())
                        && Objects.equals(d.getStatus().getReplicas(), d.getSpec().getReplicas())
                        && Objects.equals(d.getStatus().getUpdatedReplicas(), d.getSpec().getReplicas())
                        && Objects.equals(d.getStatus().getReadyReplicas(), d.getSpec().getReplicas()));
    }

    private static List<String> deploymentTags() {
        return client.apps().deployments().inAnyNamespace().withLabel(Fleet.LABEL_SHOP).list().getItems().stream()
                .filter(d -> fleet.namespaces().contains(d.getMetadata().getNamespace()))
                .map(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().replaceAll(".*:", ""))
                .distinct().toList();
    }

    /** The fleet's objects of these kinds, "Kind namespace/name" -> what {@code value} reads of each. */
    private static Map<String, String> fleetObjects(List<Class<? extends HasMetadata>> kinds, Function<HasMetadata, String> value) {
        Map<String, String> objects = new TreeMap<>();
        for (Class<? extends HasMetadata> kind : kinds) {
            for (HasMetadata o : client.resources(kind).inAnyNamespace().list().getItems()) {
                if (fleet.namespaces().contains(o.getMetadata().getNamespace())) {
                    objects.put(kind.getSimpleName() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(),
                            value.apply(o));
                }
            }
        }
        return objects;
    }

    private static double reconciliations(Pod pod) {
        return OperatorProcess.reconciliations(get("http://" + pod.getStatus().getPodIP() + ":8080/q/metrics").body());
    }

    private static boolean pushed(String version) {
        return get("http://" + TestCluster.registry() + "/v2/shopfleet/operator/tags/list").body()
                .contains("\"" + version + "\"");
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
