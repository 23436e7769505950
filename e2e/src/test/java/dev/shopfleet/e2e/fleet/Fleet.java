package dev.shopfleet.e2e.fleet;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.operator.OperatorProcess;
import dev.shopfleet.e2e.operator.Shops;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * N whole shops, one per namespace, on kwok's fake nodes: every service and its managed database, a route, the traffic
 * policy. Their pods run nowhere, so a fleet costs the API server and the operator what a real one does and the node
 * nothing. Namespaces are labelled with the fleet's name, which is how it is found and deleted.
 */
public final class Fleet {
    public static final String LABEL = "shopfleet.dev/fleet";
    /** The label every object the operator makes for a shop carries. */
    public static final String LABEL_SHOP = Shops.LABEL;
    /** The kinds of a shop's objects (on a cluster without Istio or the Gateway API). */
    public static final List<Class<? extends HasMetadata>> CHILD_KINDS = List.of(ServiceAccount.class, ConfigMap.class,
            Secret.class, NetworkPolicy.class, Service.class, StatefulSet.class, Ingress.class, Deployment.class);
    /** Pods per shop: a Deployment and a database per service (the storefront has no database), and the broker. */
    public static final int PODS_PER_SHOP = ShopService.values().length * 2 - 1 + 1;
    /** A platform team's pipeline applying shops: a few clients at once. */
    private static final int CLIENTS = 8;
    private final KubernetesClient client;
    private final String name;
    private final List<String> namespaces;

    private Fleet(KubernetesClient client, String name, List<String> namespaces) {
        this.client = client;
        this.name = name;
        this.namespaces = namespaces;
    }

    /** The fleet's namespaces, without shops yet. */
    public static Fleet namespaces(KubernetesClient client, String name, int size) {
        List<String> namespaces = IntStream.range(0, size).mapToObj(i -> name + "-" + i).toList();
        parallel(namespaces, CLIENTS, namespace -> client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted").addToLabels(LABEL, name)
                .addToLabels("app.kubernetes.io/part-of", "shopfleet-e2e").endMetadata().build()).create());
        return new Fleet(client, name, namespaces);
    }

    public List<String> namespaces() {
        return namespaces;
    }

    public int size() {
        return namespaces.size();
    }

    /** A shop in each namespace, applied by a few clients at once as a platform team's pipeline would. */
    public void applyShops(String tag) {
        parallel(namespaces, CLIENTS, namespace -> Shops.apply(client, namespace, shop(namespace, tag)));
    }

    private String shop(String namespace, String tag) {
        String databases = Arrays.stream(ShopService.values()).filter(ShopService::ownsDatabase)
                .map(s -> "    %s: {database: {storage: {storageClassName: %s}}}".formatted(s.id(), FakeCapacity.STORAGE_CLASS))
                .collect(Collectors.joining("\n"));
        return """
                apiVersion: %s
                kind: %s
                metadata: {name: shop, labels: {%s: %s}}
                spec:
                  images: {registry: fleet.invalid/shop, tag: %s}
                  route: {host: %s.fleet.test}
                  scheduling:
                    nodeSelector: {%s: %s}
                    tolerations: [{key: kwok.x-k8s.io/node, operator: Exists, effect: NoSchedule}]
                  messaging: {storage: {storageClassName: %s}}
                  services:
                %s
                """.formatted(Shops.API_VERSION, Shops.KIND, LABEL, name, tag, namespace, TestCluster.FAKE_NODE_LABEL,
                TestCluster.FAKE_NODE_VALUE, FakeCapacity.STORAGE_CLASS, databases);
    }

    /** Sets every shop's images.tag, as a platform team rolling a new version out to its fleet would. */
    public void changeTag(String tag) {
        parallel(namespaces, CLIENTS, namespace -> Shops.shop(client, namespace, "shop").edit(shop -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> images = (Map<String, Object>) ((Map<String, Object>) shop.getAdditionalProperties()
                    .get("spec")).get("images");
            images.put("tag", tag);
            return shop;
        }));
    }

    /** How many of the fleet's shops are Ready for their latest spec (one list, not a read per shop). */
    public long ready() {
        return client.genericKubernetesResources(Shops.API_VERSION, Shops.KIND).inAnyNamespace().withLabel(LABEL, name)
                .list().getItems().stream().filter(Fleet::readyForItsSpec).count();
    }

    /** Polls until every shop is Ready for its latest spec; returns the milliseconds it took from {@code startNanos}. */
    public long awaitReady(long startNanos, Duration timeout) {
        Poll.until(size() + " shops of fleet " + name + " to be Ready", timeout, () -> ready() == size(),
                () -> ready() + " of " + size() + " Ready; the first that is not: " + firstNotReady());
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private String firstNotReady() {
        return client.genericKubernetesResources(Shops.API_VERSION, Shops.KIND).inAnyNamespace().withLabel(LABEL, name)
                .list().getItems().stream().filter(shop -> !readyForItsSpec(shop)).findFirst()
                .map(shop -> shop.getMetadata().getNamespace() + " generation " + shop.getMetadata().getGeneration()
                        + ", status " + shop.getAdditionalProperties().get("status")).orElse("none");
    }

    @SuppressWarnings("unchecked")
    private static boolean readyForItsSpec(GenericKubernetesResource shop) {
        Object status = shop.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> s) || !(s.get("observedGeneration") instanceof Number observed)
                || observed.longValue() != shop.getMetadata().getGeneration()) {
            return false;
        }
        Object conditions = s.get("conditions");
        return conditions instanceof List<?> list && ((List<Map<String, Object>>) list).stream()
                .anyMatch(c -> "Ready".equals(c.get("type")) && "True".equals(c.get("status")));
    }

    /**
     * Deletes the fleet's namespaces and waits until they are gone. Their pods are deleted at once (grace 0) once no pod
     * can be made there: the namespace controller otherwise looks again after a pod's grace period (30 s) and works on
     * ten namespaces at a time, so 300 shops' namespaces took longer than their rollout.
     */
    public void delete(Duration timeout) {
        client.namespaces().withLabel(LABEL, name).delete();
        parallel(namespaces, CLIENTS, this::deletePodsAtOnce);
        Poll.until("fleet " + name + "'s namespaces to be gone", timeout,
                () -> client.namespaces().withLabel(LABEL, name).list().getItems().isEmpty());
    }

    /**
     * Only a speed-up: a pod this misses (the request timed out while the API server was busy deleting the fleet, as in
     * one CI run) is still deleted by the namespace controller, after its grace period.
     */
    private void deletePodsAtOnce(String namespace) {
        try {
            client.pods().inNamespace(namespace).withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            System.out.printf("pods of %s left to the namespace controller: %s%n", namespace, e.getMessage());
        }
    }

    /** A fleet test's end: the fleet deleted (and waited for), then its operator stopped and its fake capacity removed. */
    public static void tearDown(Fleet fleet, OperatorProcess operator, FakeCapacity capacity, KubernetesClient client) {
        try {
            if (fleet != null) {
                fleet.delete(Duration.ofMinutes(10));
            }
        } finally {
            if (operator != null) {
                operator.close();
            }
            if (capacity != null) {
                capacity.close();
            }
            client.close();
        }
    }

    /** Runs the action for every item on {@code threads} threads, and fails with the first failure. */
    public static <T> void parallel(List<T> items, int threads, Consumer<T> action) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = items.stream().map(item -> pool.submit(() -> action.accept(item))).collect(Collectors.toList());
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("a fleet operation failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
