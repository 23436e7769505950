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
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Whole shops on kwok's fake nodes, N at a time (a fresh operator and fleet for each N): how long until every shop is
 * Ready, what the operator did and asked for it (reconciliations, API requests by verb from the audit log), what it
 * holds (heap after a full GC, RSS) and burnt (CPU seconds), its writes while the fleet sits idle, and how long one
 * spec change takes to reach every shop. Next to it, the physical limit: a bare fabric8 client applying the same
 * objects with the operator's parallelism and in its order (BareFleetClient). Run: e2e/bench/fleet-benchmark [sizes=100,300,1000] [idle-minutes=10].
 */
public final class FleetBenchmark {
    /** The writes the operator has in flight at most (its apply threads, the default), and so the bare client's threads. */
    private static final int PARALLELISM = 50;

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "100,300,1000").split(",")).mapToInt(Integer::parseInt).toArray();
        int idleMinutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<String> rows = new ArrayList<>();
        try (KubernetesClient client = TestCluster.client();
             FakeCapacity capacity = FakeCapacity.forPods(client, Arrays.stream(sizes).max().orElse(0) * Fleet.PODS_PER_SHOP)) {
            OperatorProcess.install(client);
            for (int size : sizes) {
                rows.add(run(client, size, idleMinutes));
                printTable(rows); // so far: a long run's first sizes survive its being stopped in a later one
            }
        }
        System.exit(0);
    }

    private static void printTable(List<String> rows) {
        System.out.println("\nfleet on kwok, one operator process (heap limit 1 GiB), at most " + PARALLELISM
                + " writes in flight (the bare client's threads):");
        System.out.printf("%6s %9s %9s %9s %7s %8s %9s %8s %8s %7s %6s %9s%n", "shops", "objects s", "bare s", "op/bare",
                "ready s", "reconc.", "reconc/s", "heap MiB", "RSS MiB", "CPU s", "idle w", "change s");
        rows.forEach(System.out::println);
    }

    /** What the operator did for one fleet size. */
    private record OperatorRun(long objectsMillis, long readyMillis, double reconciliations, long heap, long rss,
                               double cpu, int idleWrites, long changeMillis, List<HasMetadata> shopObjects) {
    }

    /**
     * One size: the operator's run, then its fleet deleted and the bare client applying the same objects to as many
     * namespaces on the cluster as the operator found it (not beside the operator's fleet, which would load it).
     */
    private static String run(KubernetesClient client, int size, int idleMinutes) throws Exception {
        OperatorRun op = operatorRun(client, size, idleMinutes);
        long bareMillis;
        try (KubernetesClient bareClient = new KubernetesClientBuilder().editOrNewConfig().withRequestTimeout(30_000)
                .endConfig().build()) {
            bareMillis = bare(bareClient, op.shopObjects(), "fleet" + size, size);
        }
        return String.format("%6d %9.1f %9.1f %9.2f %7.1f %8.0f %9.1f %8d %8d %7.1f %6d %9.1f", size,
                op.objectsMillis() / 1000.0, bareMillis / 1000.0, (double) op.objectsMillis() / bareMillis,
                op.readyMillis() / 1000.0, op.reconciliations(), op.reconciliations() / (op.readyMillis() / 1000.0),
                op.heap(), op.rss(), op.cpu(), op.idleWrites(), op.changeMillis() / 1000.0);
    }

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
            fleet.delete(Duration.ofMinutes(10 + size / 10));
        }
    }

    /** One shop's objects, applied to {@code size} new namespaces by the bare client with the operator's threads. */
    private static long bare(KubernetesClient client, List<HasMetadata> objects, String name, int size)
            throws InterruptedException {
        Fleet bare = Fleet.namespaces(client, name + "-bare", size);
        try (BareFleetClient bareClient = new BareFleetClient(client, PARALLELISM)) {
            long millis = bareClient.apply(objects, bare.namespaces(), Duration.ofMinutes(5 + size / 10));
            System.out.printf("  bare client, %d threads: %d objects in each of %d namespaces in %.1f s%n", PARALLELISM,
                    objects.size(), bare.size(), millis / 1000.0);
            return millis;
        } finally {
            bare.delete(Duration.ofMinutes(10 + size / 10));
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
