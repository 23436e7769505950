package dev.shopfleet.e2e.bench;

import dev.shopfleet.e2e.AuditLog;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.fleet.FakeCapacity;
import dev.shopfleet.e2e.fleet.Fleet;
import dev.shopfleet.e2e.operator.OperatorProcess;
import dev.shopfleet.e2e.operator.Shops;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Whole shops on kwok's fake nodes, N at a time (a fresh operator and fleet for each N): how long until every shop is
 * Ready, what the operator did and asked for it (reconciliations, API requests by verb from the audit log), what it
 * holds (heap after a full GC, RSS) and burnt (CPU seconds), its writes while the fleet sits idle, and how long one
 * spec change takes to reach every shop. Next to it, the physical limit: a bare fabric8 client applying the same
 * objects with the operator's parallelism and in its order (BareFleetClient). The bare client's own time moved by
 * half between runs minutes apart on one cluster, so each size runs in rounds, the operator and the bare client in each,
 * in turns (ABBA: the even rounds start with the bare client, so a cluster that slows as it ages burdens neither side),
 * and the ratio printed is the median of the rounds' ratios. Only the first round has the idle window and the spec
 * change (none with an idle window of 0). Run: e2e/bench/fleet-benchmark [sizes=100,300,1000] [idle-minutes=10] [rounds=3].
 */
public final class FleetBenchmark {
    /** The writes the operator has in flight at most (its apply threads, the default), and so the bare client's threads. */
    private static final int PARALLELISM = 50;

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "100,300,1000").split(",")).mapToInt(Integer::parseInt).toArray();
        int idleMinutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<String> rows = new ArrayList<>();
        try (KubernetesClient client = TestCluster.client();
             FakeCapacity capacity = FakeCapacity.forPods(client, Arrays.stream(sizes).max().orElse(0) * Fleet.PODS_PER_SHOP)) {
            OperatorProcess.install(client);
            for (int size : sizes) {
                rows.add(run(client, size, idleMinutes, rounds));
                printTable(rows); // so far: a long run's first sizes survive its being stopped in a later one
            }
        }
        System.exit(0);
    }

    private static void printTable(List<String> rows) {
        System.out.println("\nfleet on kwok, one operator process (heap limit 1 GiB), at most " + PARALLELISM
                + " writes in flight (the bare client's threads); objects, bare and op/bare are the rounds' medians, the rest"
                + " the first round's:");
        System.out.printf("%6s %9s %9s %9s %-20s %7s %8s %9s %8s %8s %7s %6s %9s%n", "shops", "objects s", "bare s",
                "op/bare", "rounds' op/bare", "ready s", "reconc.", "reconc/s", "heap MiB", "RSS MiB", "CPU s", "idle w",
                "change s");
        rows.forEach(System.out::println);
    }

    /** What the operator did for one fleet size. */
    private record OperatorRun(long objectsMillis, long readyMillis, double reconciliations, long heap, long rss,
                               double cpu, int idleWrites, long changeMillis, List<HasMetadata> shopObjects) {
    }

    /**
     * One size, in rounds: the operator's run, and the bare client applying the same objects to as many namespaces on
     * the cluster as the operator found it (each fleet deleted before the other side starts, as beside it would load it).
     */
    private static String run(KubernetesClient client, int size, int idleMinutes, int rounds) throws Exception {
        OperatorRun first = operatorRun(client, size, idleMinutes);
        List<Long> opMillis = new ArrayList<>(List.of(first.objectsMillis()));
        List<Long> bareMillis = new ArrayList<>(List.of(bare(first.shopObjects(), size)));
        for (int round = 2; round <= rounds; round++) {
            if (round % 2 == 0) {
                bareMillis.add(bare(first.shopObjects(), size));
                opMillis.add(operatorRun(client, size, 0).objectsMillis());
            } else {
                opMillis.add(operatorRun(client, size, 0).objectsMillis());
                bareMillis.add(bare(first.shopObjects(), size));
            }
        }
        List<Double> ratios = IntStream.range(0, rounds).mapToObj(i -> (double) opMillis.get(i) / bareMillis.get(i)).toList();
        for (int i = 0; i < rounds; i++) {
            System.out.printf("  round %d: operator %.1f s, bare client %.1f s, op/bare %.2f%n", i + 1,
                    opMillis.get(i) / 1000.0, bareMillis.get(i) / 1000.0, ratios.get(i));
        }
        return String.format("%6d %9.1f %9.1f %9.2f %-20s %7.1f %8.0f %9.1f %8d %8d %7.1f %6s %9s", size,
                median(opMillis) / 1000.0, median(bareMillis) / 1000.0, median(ratios),
                ratios.stream().map(r -> String.format("%.2f", r)).collect(Collectors.joining(",")),
                first.readyMillis() / 1000.0, first.reconciliations(), first.reconciliations() / (first.readyMillis() / 1000.0),
                first.heap(), first.rss(), first.cpu(), first.idleWrites() < 0 ? "-" : first.idleWrites(),
                first.changeMillis() < 0 ? "-" : String.format("%.1f", first.changeMillis() / 1000.0));
    }

    private static double median(List<? extends Number> values) {
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * The operator's rollout of {@code size} shops, then the idle window and a spec change to all, unless the window is
     * 0 minutes (-1 for both: not measured).
     */
    private static OperatorRun operatorRun(KubernetesClient client, int size, int idleMinutes) throws Exception {
        String name = "fleet" + size;
        Fleet fleet = Fleet.namespaces(client, name, size);
        try (OperatorProcess operator = OperatorProcess.start(client, name + "-operator", Map.of(
                "shopfleet.apply-threads", Integer.toString(PARALLELISM)),
                OperatorProcess.NAMESPACE, "1g")) {
            double cpuBefore = operator.cpuSeconds();
            Instant since = Instant.now();
            long start = System.nanoTime();
            fleet.applyShops("v1");
            long readyMillis = fleet.awaitReady(start, Duration.ofMinutes(5 + size / 10));
            long objectsMillis = Duration.between(since, AuditLog.lastWrite(OperatorProcess.USER,
                    ns -> ns.startsWith(name + "-"), r -> !r.equals("shopplatforms") && !r.equals("events"), since)).toMillis();
            double reconciliations = operator.reconciliations();
            Map<String, Long> requests = AuditLog.requestsBy(OperatorProcess.USER, since);
            long heap = operator.heapAfterGcMiB();
            long rss = operator.residentMiB();
            double cpu = operator.cpuSeconds() - cpuBefore;
            System.out.printf("%d shops: Ready after %.1f s, children written after %.1f s; %.0f reconciliations; "
                    + "heap after GC %d MiB, RSS %d MiB, %.1f CPU s%n  requests by the operator: %s%n", size,
                    readyMillis / 1000.0, objectsMillis / 1000.0, reconciliations, heap, rss, cpu, requests);
            if (idleMinutes == 0) {
                return new OperatorRun(objectsMillis, readyMillis, reconciliations, heap, rss, cpu, -1, -1,
                        desiredCopies(client, fleet.namespaces().get(0)));
            }
            Instant idleSince = Instant.now();
            Thread.sleep(Duration.ofMinutes(idleMinutes).toMillis()); // the measurement window, not a synchronisation
            List<String> idleWrites = AuditLog.writesBy(OperatorProcess.USER, ns -> ns.startsWith(name + "-"), idleSince);
            System.out.printf("  idle %d min: %d writes%s%n", idleMinutes, idleWrites.size(),
                    idleWrites.isEmpty() ? "" : " " + idleWrites.subList(0, Math.min(10, idleWrites.size())));

            long changeStart = System.nanoTime();
            fleet.changeTag("v2");
            long changeMillis = fleet.awaitReady(changeStart, Duration.ofMinutes(5 + size / 10));
            System.out.printf("  images.tag changed on every shop: all Ready again after %.1f s%n", changeMillis / 1000.0);
            return new OperatorRun(objectsMillis, readyMillis, reconciliations, heap, rss, cpu, idleWrites.size(),
                    changeMillis, desiredCopies(client, fleet.namespaces().get(0)));
        } finally {
            delete(fleet, size);
        }
    }

    private static void delete(Fleet fleet, int size) {
        long start = System.nanoTime();
        fleet.delete(Duration.ofMinutes(10 + size / 10));
        System.out.printf("  %d namespaces deleted in %.1f s%n", fleet.size(), (System.nanoTime() - start) / 1e9);
    }

    /** One shop's objects, applied to {@code size} new namespaces by the bare client with the operator's threads. */
    private static long bare(List<HasMetadata> objects, int size) throws InterruptedException {
        try (KubernetesClient client = TestCluster.client()) {
            Fleet bare = Fleet.namespaces(client, "fleet" + size + "-bare", size);
            try (BareFleetClient bareClient = new BareFleetClient(client, PARALLELISM)) {
                long millis = bareClient.apply(objects, bare.namespaces(), Duration.ofMinutes(5 + size / 10));
                System.out.printf("  bare client, %d threads: %d objects in each of %d namespaces in %.1f s%n", PARALLELISM,
                        objects.size(), bare.size(), millis / 1000.0);
                return millis;
            } finally {
                delete(bare, size);
            }
        }
    }

    /** A shop's objects as the operator applied them, without what the server added, in the order of Fleet.CHILD_KINDS. */
    static List<HasMetadata> desiredCopies(KubernetesClient client, String namespace) {
        List<HasMetadata> copies = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : Fleet.CHILD_KINDS) {
            for (HasMetadata object : client.resources(kind).inNamespace(namespace).withLabel(Shops.LABEL).list().getItems()) {
                ObjectMeta source = object.getMetadata();
                ObjectMeta clean = new ObjectMeta();
                clean.setName(source.getName());
                clean.setLabels(source.getLabels());
                clean.setAnnotations(source.getAnnotations());
                object.setMetadata(clean);
                if (object instanceof Service service) {
                    service.getSpec().setClusterIP(null);
                    service.getSpec().setClusterIPs(null);
                    service.setStatus(null);
                } else if (object instanceof Deployment d) {
                    d.setStatus(null);
                } else if (object instanceof StatefulSet s) {
                    s.setStatus(null);
                } else if (object instanceof Ingress i) {
                    i.setStatus(null);
                }
                copies.add(object);
            }
        }
        return copies;
    }
}
