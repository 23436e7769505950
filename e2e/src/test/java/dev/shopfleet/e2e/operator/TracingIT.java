package dev.shopfleet.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One purchase, one trace: with the local cluster's Jaeger (`cluster tracing up`, built from its Go module) named as the
 * shop's collector, a purchase in the browser at the tenant's host produces a single trace holding spans of the storefront,
 * orders, users or cart, inventory, payments and notifications (the outbox's delivery joins the checkout's trace),
 * read back from Jaeger's query API. The services reach the collector through the shop's NetworkPolicies.
 */
class TracingIT {
    private static final String SHOP = "traced";
    private static final String HOST = "traced.shop.test";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static KubernetesClient client;
    private static String namespace;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        SharedOperator.get();
        ThirdPartyCrds.installTracing();
        namespace = TestCluster.createNamespace(client, "traced");
    }

    @AfterAll
    static void tearDown() throws Exception {
        ThirdPartyCrds.removeTracing();
        TestCluster.tearDown(client, namespace);
    }

    @Test
    void aPurchaseIsOneTraceAcrossTheServices() throws Exception {
        Shops.apply(client, namespace, """
                apiVersion: shopfleet.dev/v1alpha1
                kind: ShopPlatform
                metadata: {name: %s}
                spec:
                  images: {registry: "%s", tag: "%s"}
                  route: {host: %s}
                  tracing: {endpoint: "http://jaeger.%s.svc:4318", namespace: %s}
                """.formatted(SHOP, TestImages.shopImagesRegistry(), TestImages.shopImagesTag(), HOST,
                ThirdPartyCrds.TRACING_NAMESPACE, ThirdPartyCrds.TRACING_NAMESPACE));
        Shops.awaitReady(client, namespace, SHOP, Duration.ofMinutes(8));
        Poll.until("the tenant's host served", Duration.ofMinutes(1),
                () -> RealShopIT.get(RealShopIT.INGRESS + "/", HOST, null).statusCode() == 200);

        // A shopper buys in the browser; the payment's request comes with a trace of its own (as from a traced
        // client), so the trace to read back from Jaeger is known.
        String traceId = HexFormat.of().formatHex(random(16));
        try (ShopperBrowser browser = ShopperBrowser.at(HOST)) {
            browser.open("/");
            browser.register("Tracy", "tracy-" + UUID.randomUUID() + "@shop.test", "a long password");
            browser.addToCart("kettle", "BRW-KET-10", () -> Shops.describe(client, namespace, SHOP));
            browser.sendHeaders(Map.of("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(random(8)) + "-01"));
            assertThat(browser.pay("4242 4242 4242 4242")).isEqualTo("CONFIRMED");
        }
        long ordered = System.nanoTime();
        Set<String> wanted = Set.of("storefront", "orders", "users", "cart", "inventory", "payments", "notifications");
        Poll.until("one trace with every service of the purchase", Duration.ofMinutes(2),
                () -> services(traceId).containsAll(wanted), () -> "services in trace " + traceId + ": " + services(traceId)
                        + "; services Jaeger knows: " + jaeger("/api/services").path("data"));
        System.out.printf("tracing: the checkout's trace complete in Jaeger %.0f s after the order: %s%n",
                (System.nanoTime() - ordered) / 1e9, services(traceId));
    }

    /** The services with spans in one trace, by Jaeger's processes. */
    private static Set<String> services(String traceId) {
        Set<String> services = new HashSet<>();
        for (JsonNode trace : jaeger("/api/traces/" + traceId).path("data")) {
            trace.path("processes").forEach(p -> services.add(p.path("serviceName").asText()));
        }
        return services;
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static JsonNode jaeger(String path) {
        String ip = client.pods().inNamespace(ThirdPartyCrds.TRACING_NAMESPACE).withLabel("app.kubernetes.io/name", "jaeger")
                .list().getItems().get(0).getStatus().getPodIP();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":16686" + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
