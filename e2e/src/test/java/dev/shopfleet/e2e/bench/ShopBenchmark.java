package dev.shopfleet.e2e.bench;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import dev.shopfleet.e2e.operator.OperatorProcess;
import dev.shopfleet.e2e.operator.Shops;
import dev.shopfleet.testkit.Wrk;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shop the operator made, on the real cluster, measured as a tenant meets it: kubectl apply to Ready with its
 * timeline (when each database and service became ready), each service's own start-up time (its log), then wrk
 * through the ingress (Traefik, the tenant's Host header) for the home page, a product page and the catalogue API
 * via the gateway, next to Traefik's own ceiling (its answer for an unknown host) and the bare endpoint of the
 * storefront pod itself (its /about, straight to the pod). Figures, not a test. Run: e2e/bench/shop-benchmark [seconds].
 */
public final class ShopBenchmark {
    private static final String INGRESS = "http://127.0.0.1:30080";
    private static final String HOST = "bench.shop.test";
    private static final Pattern STARTED = Pattern.compile("Startup completed in (\\d+)ms");

    private ShopBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        try (KubernetesClient client = TestCluster.client()) {
            OperatorProcess.install(client);
            String namespace = TestCluster.createNamespace(client, "shopbench");
            try (OperatorProcess operator = OperatorProcess.start(client, "shopbench-operator", Map.of())) {
                Instant applied = Instant.now();
                Shops.apply(client, namespace, """
                        apiVersion: shopfleet.dev/v1alpha1
                        kind: ShopPlatform
                        metadata: {name: bench}
                        spec:
                          displayName: Bench Beans
                          images: {registry: "%s", tag: "%s"}
                          route: {host: %s}
                        """.formatted(TestImages.shopImagesRegistry(), TestImages.shopImagesTag(), HOST));
                Shops.awaitReady(client, namespace, "bench", Duration.ofMinutes(10));
                Instant ready = Instant.now();
                timeline(client, namespace, applied, ready);
                startUp(client, namespace);
                load(client, namespace, seconds);
            } finally {
                client.namespaces().withName(namespace).delete();
            }
        }
        System.exit(0);
    }

    /** When each pod became ready, seconds after the apply (the API server's timestamps: whole seconds). */
    private static void timeline(KubernetesClient client, String namespace, Instant applied, Instant ready) {
        System.out.printf("%nkubectl apply -> Ready: %.1f s. Timeline (s after apply; scheduled / container started / ready):%n",
                Duration.between(applied, ready).toMillis() / 1000.0);
        List<Pod> pods = new ArrayList<>(client.pods().inNamespace(namespace).list().getItems());
        pods.sort(Comparator.comparing(p -> condition(p, "Ready").orElse(Instant.MAX)));
        for (Pod pod : pods) {
            Optional<Instant> started = pod.getStatus().getContainerStatuses().stream().map(ContainerStatus::getState)
                    .filter(s -> s.getRunning() != null).map(s -> Instant.parse(s.getRunning().getStartedAt())).findFirst();
            System.out.printf("  %-40s %6s %6s %6s%n", pod.getMetadata().getName(), offset(applied, condition(pod, "PodScheduled")),
                    offset(applied, started), offset(applied, condition(pod, "Ready")));
        }
    }

    /** Each service's start-up as Micronaut logs it (process start to serving, without the JVM's own boot). */
    private static void startUp(KubernetesClient client, String namespace) {
        System.out.println("\nstart-up (Micronaut's 'Startup completed in', from each service's log):");
        for (ShopService service : ShopService.values()) {
            for (Pod pod : client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/name", service.id()).list().getItems()) {
                Matcher m = STARTED.matcher(client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).getLog());
                System.out.printf("  %-13s %s%n", service.id(), m.find() ? m.group(1) + " ms" : "(not in the log)");
            }
        }
    }

    private static void load(KubernetesClient client, String namespace, int seconds) throws IOException, InterruptedException {
        String sku = "COF-ESP-250";
        String storefrontPod = client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/name", "storefront").list()
                .getItems().get(0).getStatus().getPodIP();
        List<String[]> targets = List.of(
                new String[] {"Traefik alone (404, unknown host)", INGRESS + "/", "Host: nobody.shop.test"},
                new String[] {"bare Micronaut JSON (storefront pod /about)", "http://" + storefrontPod + ":8080/about", null},
                new String[] {"home page straight to the pod", "http://" + storefrontPod + ":8080/", null},
                new String[] {"style sheet via ingress (static, 1 KB)", INGRESS + "/assets/shop.css", "Host: " + HOST},
                new String[] {"home page via ingress", INGRESS + "/", "Host: " + HOST},
                new String[] {"product page via ingress", INGRESS + "/products/" + sku, "Host: " + HOST},
                new String[] {"catalogue API via ingress + gateway", INGRESS + "/api/products?category=coffee&size=12", "Host: " + HOST});
        for (String[] t : targets) {
            Wrk.run(t[1], t[2], 5); // warm-up: JIT and connection pools
        }
        System.out.printf("%nwrk, 2 threads, 32 connections, %d s each:%n  %-44s %9s %8s %8s %7s%n", seconds, "target", "req/s",
                "p50 ms", "p99 ms", "/bare");
        double bare = Double.NaN;
        for (String[] t : targets) {
            Wrk.Result r = Wrk.run(t[1], t[2], seconds);
            bare = t[1].endsWith("/about") ? r.rps() : bare;
            System.out.printf("  %-44s %9.0f %8.2f %8.2f %7s%s%n", t[0], r.rps(), r.p50(), r.p99(),
                    Double.isNaN(bare) ? "" : String.format("%.3f", r.rps() / bare), r.errors() && !t[0].startsWith("Traefik")
                            ? "  (non-2xx or errors!)" : "");
        }
    }

    private static Optional<Instant> condition(Pod pod, String type) {
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .map(PodCondition::getLastTransitionTime).map(Instant::parse).findFirst();
    }

    private static String offset(Instant from, Optional<Instant> at) {
        return at.map(t -> Long.toString(Duration.between(from, t).toSeconds())).orElse("-");
    }
}
