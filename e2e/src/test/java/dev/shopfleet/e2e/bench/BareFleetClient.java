package dev.shopfleet.e2e.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The physical limit the operator is measured against: one shop's objects applied to many namespaces by a plain
 * fabric8 client, on the operator's number of threads and in the order the operator's workflow must keep, and nothing
 * else. A shop's workloads (StatefulSets, Deployments) come after the objects they use and the network policies that
 * protect them, and a service's Deployment after its database has a ready pod; everything else at once, in the order
 * it comes. (Schedules tried at 100 shops: this one 162 s; Services, over which the API server takes longest, after
 * everything else 228 s; Services on a third of the threads of their own 166 s.)
 */
final class BareFleetClient implements AutoCloseable {
    /** Names a shop's service on its Deployment ("orders") and its database's StatefulSet ("orders-db"). */
    private static final String SERVICE_LABEL = "app.kubernetes.io/name";
    private final KubernetesClient client;
    private final ExecutorService pool;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    /** "namespace/database" -> the Deployment of the service that owns it, until the database is ready. */
    private final Map<String, HasMetadata> waitingForDatabase = new ConcurrentHashMap<>();
    private CountDownLatch applied;

    BareFleetClient(KubernetesClient client, int threads) {
        this.client = client;
        this.pool = Executors.newFixedThreadPool(threads);
    }

    /** Applies the shop's objects to every namespace; returns the milliseconds until the last was applied. */
    long apply(List<HasMetadata> shop, List<String> namespaces, Duration timeout) throws InterruptedException {
        List<Runnable> starts = new ArrayList<>();
        int objects = 0;
        for (String namespace : namespaces) {
            List<HasMetadata> first = new ArrayList<>();
            List<HasMetadata> workloads = new ArrayList<>();
            for (HasMetadata object : shop) {
                HasMetadata copy = client.getKubernetesSerialization().clone(object);
                copy.getMetadata().setNamespace(namespace);
                Optional<String> database = databaseOf(copy, shop);
                if (database.isPresent()) {
                    waitingForDatabase.put(namespace + "/" + database.get(), copy);
                } else if (copy instanceof StatefulSet || copy instanceof Deployment) {
                    workloads.add(copy);
                } else {
                    first.add(copy);
                }
                objects++;
            }
            AtomicInteger firstLeft = new AtomicInteger(first.size());
            starts.add(() -> first.forEach(object -> submit(object, () -> {
                if (firstLeft.decrementAndGet() == 0) {
                    workloads.forEach(workload -> submit(workload, () -> { }));
                }
            })));
        }
        applied = new CountDownLatch(objects);
        long start = System.nanoTime();
        try (SharedIndexInformer<StatefulSet> databases = client.apps().statefulSets().inAnyNamespace()
                .withLabel(SERVICE_LABEL).inform(new DatabaseReady())) {
            starts.forEach(Runnable::run);
            if (!applied.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(applied.getCount() + " objects of the bare fleet not applied in "
                        + timeout + "; " + waitingForDatabase.size() + " Deployments still wait for their database");
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void submit(HasMetadata object, Runnable then) {
        pool.execute(() -> {
            try {
                applyUntilDone(object);
                then.run();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                applied.countDown();
            }
        });
    }

    // As the operator does: a request the busy API server did not answer in time is sent again (after the same 30 s).
    private void applyUntilDone(HasMetadata object) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.resource(object).fieldManager("bench").forceConflicts().serverSideApply();
                return;
            } catch (KubernetesClientException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** The StatefulSet a Deployment waits for: the database of the same service, if the shop has one. */
    private static Optional<String> databaseOf(HasMetadata object, List<HasMetadata> shop) {
        if (!(object instanceof Deployment deployment)) {
            return Optional.empty();
        }
        String database = deployment.getMetadata().getLabels().get(SERVICE_LABEL) + "-db";
        return shop.stream().filter(o -> o instanceof StatefulSet && database.equals(o.getMetadata().getLabels()
                .get(SERVICE_LABEL))).map(o -> o.getMetadata().getName()).findFirst();
    }

    /** Releases a service's Deployment once its database reports a ready pod, as the operator's gate reads it. */
    private final class DatabaseReady implements ResourceEventHandler<StatefulSet> {
        @Override
        public void onAdd(StatefulSet database) {
            onUpdate(null, database);
        }

        @Override
        public void onUpdate(StatefulSet before, StatefulSet database) {
            Integer ready = database.getStatus() == null ? null : database.getStatus().getReadyReplicas();
            if (ready != null && ready >= 1) {
                HasMetadata deployment = waitingForDatabase.remove(database.getMetadata().getNamespace() + "/"
                        + database.getMetadata().getName());
                if (deployment != null) {
                    submit(deployment, () -> { });
                }
            }
        }

        @Override
        public void onDelete(StatefulSet database, boolean deletedFinalStateUnknown) {
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
