package dev.shopfleet.e2e.bench;

import dev.shopfleet.e2e.AuditLog;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import dev.shopfleet.e2e.operator.OperatorProcess;
import dev.shopfleet.e2e.operator.Shops;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Prints how fast the operator turns a ShopPlatform into its objects, next to the physical limit (a
 * bare fabric8 client server-side-applying the very same objects, one after the other), and how many
 * writes the operator makes while a shop sits idle. Run: e2e/bench/operator-benchmark [rounds] [idle-minutes].
 */
public final class OperatorBenchmark {
    private static final List<Class<? extends HasMetadata>> KINDS = List.of(ServiceAccount.class, ConfigMap.class,
            Secret.class, StatefulSet.class, Service.class, Ingress.class, Deployment.class);
    private static final int OBJECTS = 8 + 8 + 7 + 7 + 15 + 1 + 8;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int idleMinutes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (KubernetesClient client = TestCluster.client()) {
            String images = TestImages.standInShopImages();
            OperatorProcess.install(client);
            List<Long> operatorToStatefulSets = new ArrayList<>();
            List<Long> operatorToAll = new ArrayList<>();
            List<Long> bare = new ArrayList<>();
            String lastShopNamespace = null;
            try (OperatorProcess operator = OperatorProcess.start(client, "bench-operator",
                    Map.of("quarkus.operator-sdk.controllers.shopplatform.max-reconciliation-interval", "PT1M"))) {
                for (int round = 0; round < rounds; round++) {
                    String namespace = TestCluster.createNamespace(client, "bench");
                    long start = System.nanoTime();
                    Shops.apply(client, namespace, """
                            apiVersion: shopfleet.dev/v1alpha1
                            kind: ShopPlatform
                            metadata: {name: bench}
                            spec:
                              images: {registry: "%s", tag: v1}
                              route: {host: bench.shop.test}
                            """.formatted(images));
                    // Every object but the Deployments, which wait for the databases to accept connections.
                    Poll.until("the shop's objects", Duration.ofMinutes(2), () -> count(client, namespace) >= OBJECTS - 8);
                    operatorToStatefulSets.add(millisSince(start));
                    Poll.until("the shop's Deployments", Duration.ofMinutes(5), () -> count(client, namespace) == OBJECTS);
                    operatorToAll.add(millisSince(start));

                    List<HasMetadata> objects = FleetBenchmark.desiredCopies(client, namespace);
                    String bareNamespace = TestCluster.createNamespace(client, "bench-bare");
                    long bareStart = System.nanoTime();
                    for (HasMetadata object : objects) {
                        object.getMetadata().setNamespace(bareNamespace);
                        client.resource(object).fieldManager("bench").forceConflicts().serverSideApply();
                    }
                    bare.add(millisSince(bareStart));
                    // One shop at a time: a 2-core node does not hold several shops' CPU requests.
                    deleteAndWait(client, bareNamespace);
                    if (round < rounds - 1) {
                        deleteAndWait(client, namespace);
                    }
                    lastShopNamespace = namespace;
                    System.out.printf("round %d: operator %d ms to the %d objects before the database gate, %d ms to all %d; "
                            + "bare client %d ms to apply all %d%n", round + 1, operatorToStatefulSets.get(round),
                            OBJECTS - 8, operatorToAll.get(round), OBJECTS, bare.get(round), objects.size());
                }
                String idleNamespace = lastShopNamespace;
                Poll.until("the last shop to be Ready", Duration.ofMinutes(5),
                        () -> Shops.hasCondition(client, idleNamespace, "bench", "Ready", "True", null));
                Instant since = Instant.now();
                double reconciles = operator.reconciliations();
                Thread.sleep(Duration.ofMinutes(idleMinutes).toMillis()); // the measurement window, not a synchronisation
                List<String> writes = AuditLog.writesBy(OperatorProcess.USER, idleNamespace, since);
                System.out.printf("idle %d min: %d writes by the operator (%.0f reconciliations)%s%n", idleMinutes,
                        writes.size(), operator.reconciliations() - reconciles,
                        writes.isEmpty() ? "" : ": " + writes);
                client.namespaces().withName(idleNamespace).delete();
            }
            System.out.printf("median of %d: operator %d ms (before the database gate), %d ms (all objects, including "
                    + "waiting for 7 PostgreSQL pods); bare client %d ms; operator/bare (before gate) = %.2f%n",
                    rounds, median(operatorToStatefulSets), median(operatorToAll), median(bare),
                    (double) median(operatorToStatefulSets) / median(bare));
        }
        System.exit(0);
    }

    private static void deleteAndWait(KubernetesClient client, String namespace) {
        client.namespaces().withName(namespace).delete();
        Poll.until("namespace " + namespace + " to be gone", Duration.ofMinutes(3),
                () -> client.namespaces().withName(namespace).get() == null);
    }

    private static int count(KubernetesClient client, String namespace) {
        return KINDS.stream().mapToInt(kind -> client.resources(kind).inNamespace(namespace)
                .withLabel(Shops.LABEL, "bench").list().getItems().size()).sum();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
