package dev.shopfleet.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.shopfleet.e2e.Poll;
import dev.shopfleet.e2e.TestCluster;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real shops: two tenants' ShopPlatforms in two namespaces with the services' own images (service-images/build-images
 * pushes them to the cluster's registry), provisioned by the operator, each service with its PostgreSQL, each shop
 * served on its own host by the cluster's ingress controller (Traefik, port 30080 on the node). A shopper registers,
 * fills a cart and pays through the tenant's host, and the confirmation email reaches an SMTP server on the node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealShopIT {
    static final String INGRESS = "http://127.0.0.1:30080";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(8);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static KubernetesClient client;
    private static String namespace;
    private static String otherNamespace;
    private static GreenMail smtp;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        SharedOperator.get();
        String missing = Arrays.stream(new String[] {"storefront", "users", "catalog", "cart", "orders", "payments", "inventory",
                "notifications"}).filter(s -> !imagePresent(s)).collect(Collectors.joining(", "));
        assertThat(missing).as("images missing from %s (run service-images/build-images first)", registryPath()).isEmpty();
        String nodeIp = client.nodes().list().getItems().stream()
                .filter(n -> !"kwok".equals(n.getMetadata().getLabels().get(TestCluster.FAKE_NODE_LABEL)))
                .flatMap(n -> n.getStatus().getAddresses().stream()).filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress).findFirst().orElseThrow();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, nodeIp, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        namespace = TestCluster.createNamespace(client, "realshop");
        otherNamespace = TestCluster.createNamespace(client, "herbs");
    }

    @AfterAll
    static void tearDown() {
        if (smtp != null) {
            smtp.stop();
        }
        client.namespaces().withName(otherNamespace).delete();
        TestCluster.tearDown(client, namespace);
    }

    @Test
    @Order(1)
    void twoTenantsBecomeReadyAndEachIsServedOnItsOwnHost() throws Exception {
        long applied = System.nanoTime();
        Shops.apply(client, namespace, """
                apiVersion: shopfleet.dev/v1alpha1
                kind: ShopPlatform
                metadata: {name: tea}
                spec:
                  displayName: Real Tea Shop
                  theme: sunset
                  images: {registry: "%s", tag: "%s"}
                  route: {host: tea.shop.test}
                  services:
                    notifications:
                      env:
                      - {name: SHOP_SMTP_HOST, value: "%s"}
                      - {name: SHOP_SMTP_PORT, value: "%d"}
                """.formatted(registryPath(), version(), smtp.getSmtp().getBindTo(), smtp.getSmtp().getPort()));
        Shops.apply(client, otherNamespace, """
                apiVersion: shopfleet.dev/v1alpha1
                kind: ShopPlatform
                metadata: {name: herbs}
                spec:
                  displayName: Herb Garden
                  images: {registry: "%s", tag: "%s"}
                  route: {host: herbs.shop.test}
                  services:
                    users: {enabled: false}
                    cart: {enabled: false}
                    orders: {enabled: false}
                    payments: {enabled: false}
                    inventory: {enabled: false}
                    notifications: {enabled: false}
                """.formatted(registryPath(), version()));
        awaitReady(namespace, "tea");
        System.out.printf("real shop: kubectl apply to Ready in %.0f s%n", (System.nanoTime() - applied) / 1e9);
        awaitReady(otherNamespace, "herbs");
        assertThat(Shops.status(client, namespace, "tea")).containsEntry("servicesReady", "8/8")
                .containsEntry("url", "http://tea.shop.test/");
        assertThat(client.genericKubernetesResources("shopfleet.dev/v1alpha1", "ShopPlatform").inAnyNamespace().list().getItems())
                .extracting(r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName())
                .contains(namespace + "/tea", otherNamespace + "/herbs");

        Poll.until("each tenant's host to be served", Duration.ofMinutes(1), () -> {
            try {
                return served("tea.shop.test", "Real Tea Shop", "Herb Garden") && served("herbs.shop.test", "Herb Garden", "Real Tea Shop");
            } catch (java.io.UncheckedIOException e) {
                return false;
            }
        });
        assertThat(get(INGRESS + "/api/products?size=1", "herbs.shop.test", null).body()).contains("\"total\":12");
        assertThat(get(INGRESS + "/", "nobody.shop.test", null).statusCode()).as("an unknown host").isEqualTo(404);
    }

    @Test
    @Order(2)
    void aShopperPaysThroughTheTenantsHostAndGetsTheEmail() throws Exception {
        String host = "tea.shop.test";
        String email = "ada-" + UUID.randomUUID() + "@shop.test";
        assertThat(post(INGRESS + "/api/users", host, "{\"email\":\"" + email + "\",\"password\":\"a long password\",\"name\":\"Ada\"}",
                null).statusCode()).isEqualTo(201);
        HttpResponse<String> login = post(INGRESS + "/api/login", host, "{\"email\":\"" + email + "\",\"password\":\"a long password\"}",
                null);
        Matcher token = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(login.body());
        assertThat(token.find()).as(login.body()).isTrue();
        String bearer = "Bearer " + token.group(1);
        assertThat(get(INGRESS + "/api/products?q=kettle", host, null).body()).contains("BRW-KET-10");
        assertThat(post(INGRESS + "/api/cart/lines", host, "{\"sku\":\"BRW-KET-10\",\"quantity\":1}", bearer).statusCode())
                .isEqualTo(200);
        HttpResponse<String> order = HTTP.send(HttpRequest.newBuilder(URI.create(INGRESS + "/api/orders"))
                .timeout(Duration.ofSeconds(30)).header("Host", host).header("Content-Type", "application/json")
                .header("Authorization", bearer).header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"card\":{\"number\":\"4242 4242 4242 4242\",\"expiryMonth\":12,"
                        + "\"expiryYear\":2031,\"cvc\":\"123\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        assertThat(order.body()).contains("\"status\":\"CONFIRMED\"");
        Poll.until("the confirmation email", Duration.ofMinutes(1),
                () -> Arrays.stream(smtp.getReceivedMessages()).anyMatch(m -> to(m).equals(email)), () -> failingPodLogs(namespace, "tea"));
    }

    private static boolean served(String host, String name, String otherName) {
        HttpResponse<String> page = get(INGRESS + "/", host, null);
        return page.statusCode() == 200 && page.body().contains(name) && !page.body().contains(otherName);
    }

    private static void awaitReady(String ns, String name) {
        try {
            Shops.awaitReady(client, ns, name, READY_TIMEOUT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + failingPodLogs(ns, name), e);
        }
    }

    private static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }

    /** For a failed wait: the shop's status and the last lines of every pod that is not ready. */
    private static String failingPodLogs(String ns, String name) {
        StringBuilder out = new StringBuilder(Shops.describe(client, ns, name));
        for (Pod pod : client.pods().inNamespace(ns).list().getItems()) {
            boolean ready = pod.getStatus().getContainerStatuses().stream().allMatch(s -> Boolean.TRUE.equals(s.getReady()));
            if (!ready || pod.getStatus().getContainerStatuses().stream().anyMatch(s -> s.getRestartCount() > 0)) {
                String log;
                try {
                    log = client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).tailingLines(30).getLog();
                } catch (RuntimeException e) {
                    log = "(no log: " + e.getMessage() + ")";
                }
                out.append("\n--- ").append(pod.getMetadata().getName()).append(":\n").append(log);
            }
        }
        return out.toString();
    }

    private static String registryPath() {
        return TestCluster.registry() + "/shopfleet";
    }

    private static String version() {
        return System.getProperty("shopfleet.version", "0.1.0-SNAPSHOT");
    }

    private static boolean imagePresent(String service) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + TestCluster.registry() + "/v2/shopfleet/" + service
                    + "/manifests/" + version())).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    static HttpResponse<String> get(String url, String host, String bearer) {
        return send(request(url, host, bearer).GET());
    }

    static HttpResponse<String> post(String url, String host, String json, String bearer) {
        return send(request(url, host, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder request(String url, String host, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15));
        if (host != null) {
            b.header("Host", host);
        }
        if (bearer != null) {
            b.header("Authorization", bearer);
        }
        return b;
    }
}
