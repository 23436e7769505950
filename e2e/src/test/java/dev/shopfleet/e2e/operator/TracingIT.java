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
import java.time.Duration;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One purchase, one trace: with the local cluster's Jaeger (`cluster tracing up`, built from its Go module) named as the
 * shop's collector, a checkout through the tenant's host produces a single trace holding spans of the storefront,
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

        String email = "trace-" + UUID.randomUUID() + "@shop.test";
        RealShopIT.post(RealShopIT.INGRESS + "/api/users", HOST, "{\"email\":\"" + email + "\",\"password\":\"a long password\","
                + "\"name\":\"Tracy\"}", null);
        Matcher token = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(RealShopIT.post(RealShopIT.INGRESS + "/api/login",
                HOST, "{\"email\":\"" + email + "\",\"password\":\"a long password\"}", null).body());
        assertThat(token.find()).isTrue();
        String bearer = "Bearer " + token.group(1);
        assertThat(RealShopIT.post(RealShopIT.INGRESS + "/api/cart/lines", HOST, "{\"sku\":\"BRW-KET-10\",\"quantity\":1}", bearer)
                .statusCode()).isEqualTo(200);
        // The shopper's request comes with a trace of its own (as from a traced client): its id is the trace to find.
        String traceId = HexFormat.of().formatHex(random(16));
        HttpResponse<String> order = HTTP.send(HttpRequest.newBuilder(URI.create(RealShopIT.INGRESS + "/api/orders"))
                .timeout(Duration.ofSeconds(30)).header("Host", HOST).header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(random(8)) + "-01")
                .header("Authorization", bearer).header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"card\":{\"number\":\"4242 4242 4242 4242\",\"expiryMonth\":12,"
                        + "\"expiryYear\":2031,\"cvc\":\"123\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);

        long ordered = System.nanoTime();
        Set<String> wanted = Set.of("storefront", "orders", "inventory", "payments", "notifications");
        Poll.until("one trace with every service of the purchase", Duration.ofMinutes(2),
                () -> services(traceId).containsAll(wanted) && (services(traceId).contains("users")
                        || services(traceId).contains("cart")), () -> "services in trace " + traceId + ": " + services(traceId) + "; services Jaeger knows: "
                        + jaeger("/api/services").path("data"));
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
