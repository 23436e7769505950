package dev.shopfleet.e2e.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
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
 * fabric8 client, on the operator's number of threads and in the order of the operator's workflow, and nothing else.
 * (Schedules tried at 100 shops, before the operator's Services followed its databases: Services with the first
 * objects 162 s; Services after everything else, Deployments too, 228 s; Services on a third of the threads 166 s.)
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
        List<Runnable> starts = namespaces.stream().map(namespace -> inOrder(shop, namespace)).toList();
        applied = new CountDownLatch(shop.size() * namespaces.size());
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

    /**
     * One namespace's copy of the shop, applied as the operator's workflow orders it: first what the workloads use and
     * the network policies that protect them, then the StatefulSets and the Deployments without a database, then (once
     * every StatefulSet is applied) the Services; a service's Deployment once its database has a ready pod.
     */
    private Runnable inOrder(List<HasMetadata> shop, String namespace) {
        List<HasMetadata> first = new ArrayList<>();
        List<HasMetadata> databases = new ArrayList<>();
        List<HasMetadata> deployments = new ArrayList<>();
        List<HasMetadata> services = new ArrayList<>();
        for (HasMetadata object : shop) {
            HasMetadata copy = client.getKubernetesSerialization().clone(object);
            copy.getMetadata().setNamespace(namespace);
            Optional<String> database = databaseOf(copy, shop);
            if (database.isPresent()) {
                waitingForDatabase.put(namespace + "/" + database.get(), copy);
            } else if (copy instanceof StatefulSet) {
                databases.add(copy);
            } else if (copy instanceof Deployment) {
                deployments.add(copy);
            } else if (copy instanceof Service) {
                services.add(copy);
            } else {
                first.add(copy);
            }
        }
        return () -> applyThen(first, () -> {
            applyThen(deployments, () -> { });
            applyThen(databases, () -> applyThen(services, () -> { }));
        });
    }

    /** Applies the objects side by side, and runs {@code next} once the last is applied (at once if there are none). */
    private void applyThen(List<HasMetadata> objects, Runnable next) {
        if (objects.isEmpty()) {
            next.run();
            return;
        }
        AtomicInteger left = new AtomicInteger(objects.size());
        objects.forEach(object -> submit(object, () -> {
            if (left.decrementAndGet() == 0) {
                next.run();
            }
        }));
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
