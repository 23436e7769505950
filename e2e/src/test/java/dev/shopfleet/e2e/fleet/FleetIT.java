package dev.shopfleet.e2e.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.e2e.AuditLog;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.operator.OperatorProcess;
import dev.shopfleet.e2e.operator.SharedOperator;
import dev.shopfleet.e2e.operator.Shops;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fleet of whole shops on kwok's fake nodes, run by the operator as it runs for real: every shop becomes Ready, every
 * object it made exists once per shop and has its shop as its one controller, a resync of the idle fleet writes
 * nothing, and one spec change reaches every shop. (The figures for larger fleets: e2e/bench/fleet-benchmark.)
 */
class FleetIT {
    private static final int SHOPS = Integer.getInteger("shopfleet.fleet-size", 100);
    private static final Duration CONVERGE = Duration.ofMinutes(5 + SHOPS / 10);
    private static KubernetesClient client;
    private static FakeCapacity capacity;
    private static OperatorProcess operator;
    private static Fleet fleet;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        SharedOperator.release(); // one leader: this test's operator resyncs each shop once a minute
        OperatorProcess.install(client);
        operator = OperatorProcess.start(client, "fleet-operator", Map.of(
                "quarkus.operator-sdk.controllers.shopplatform.max-reconciliation-interval", "PT1M"),
                OperatorProcess.NAMESPACE, "512m");
        capacity = FakeCapacity.forPods(client, SHOPS * Fleet.PODS_PER_SHOP);
        fleet = Fleet.namespaces(client, "fleet-it", SHOPS);
    }

    @AfterAll
    static void tearDown() {
        Fleet.tearDown(fleet, operator, capacity, client);
    }

    @Test
    void aFleetConvergesOwnsEachObjectOnceWritesNothingIdleAndTakesAChangeEverywhere() throws Exception {
        long start = System.nanoTime();
        fleet.applyShops("v1");
        long readyMillis = fleet.awaitReady(start, CONVERGE);
        System.out.printf("%d shops Ready after %.1f s; %.0f reconciliations; operator heap after GC %d MiB%n", SHOPS,
                readyMillis / 1000.0, operator.reconciliations(), operator.heapAfterGcMiB());

        assertEveryShopOwnsTheSameObjectsOnce(client, fleet);

        Instant idleSince = Instant.now();
        double before = operator.reconciliations();
        Poll.until("every idle shop to be resynced (one reconciliation each, about)", Duration.ofMinutes(3),
                () -> operator.reconciliations() - before >= SHOPS);
        assertThat(AuditLog.writesBy(OperatorProcess.USER, fleet.namespaces()::contains, idleSince))
                .as("writes by the operator while %d shops sat idle through %.0f reconciliations", SHOPS,
                        operator.reconciliations() - before)
                .isEmpty();

        long change = System.nanoTime();
        fleet.changeTag("v2");
        long changeMillis = fleet.awaitReady(change, CONVERGE);
        List<String> stale = client.apps().deployments().inAnyNamespace().withLabel(Fleet.LABEL_SHOP).list().getItems()
                .stream().filter(d -> fleet.namespaces().contains(d.getMetadata().getNamespace()))
                .filter(d -> !d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().endsWith(":v2"))
                .map(d -> d.getMetadata().getNamespace() + "/" + d.getMetadata().getName()).toList();
        System.out.printf("images.tag v1 -> v2 on %d shops: all Ready again after %.1f s%n", SHOPS, changeMillis / 1000.0);
        assertThat(stale).as("Deployments still on v1").isEmpty();
    }

    /**
     * Per shop, the kinds and names of what the operator made: the same set everywhere, each owned by its shop alone
     * (garbage collection follows it), but for the generated credentials, which a shop that retains its data leaves
     * unowned on purpose (they outlive it with its volumes).
     */
    static void assertEveryShopOwnsTheSameObjectsOnce(KubernetesClient client, Fleet fleet) {
        Map<String, String> shopUids = fleet.namespaces().stream().collect(Collectors.toMap(ns -> ns,
                ns -> Shops.shop(client, ns, "shop").get().getMetadata().getUid()));
        Map<String, Set<String>> objectsByNamespace = new HashMap<>();
        for (Class<? extends HasMetadata> kind : Fleet.CHILD_KINDS) {
            for (HasMetadata object : client.resources(kind).inAnyNamespace().withLabel(Fleet.LABEL_SHOP).list().getItems()) {
                String namespace = object.getMetadata().getNamespace();
                if (!shopUids.containsKey(namespace)) {
                    continue;
                }
                List<String> owners = object.getMetadata().getOwnerReferences().stream()
                        .filter(o -> Shops.KIND.equals(o.getKind())).map(OwnerReference::getUid).toList();
                assertThat(owners).as("%s %s/%s's owners", kind.getSimpleName(), namespace, object.getMetadata().getName())
                        .isEqualTo(object instanceof Secret ? List.of() : List.of(shopUids.get(namespace)));
                assertThat(objectsByNamespace.computeIfAbsent(namespace, ns -> new TreeSet<>())
                        .add(kind.getSimpleName() + "/" + object.getMetadata().getName())).isTrue();
            }
        }
        Set<String> first = objectsByNamespace.get(fleet.namespaces().get(0));
        assertThat(first).as("a shop's objects").hasSizeGreaterThan(50);
        assertThat(objectsByNamespace).as("every shop has the same objects").hasSize(fleet.size())
                .allSatisfy((namespace, objects) -> assertThat(objects).as(namespace).isEqualTo(first));
    }
}
