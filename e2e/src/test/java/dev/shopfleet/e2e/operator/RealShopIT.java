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
import org.junit.jupiter.api.Test;

/**
 * The real shop: one ShopPlatform with the eight services' own images (service-images/build-images pushes them to
 * the cluster's registry), provisioned by the operator, each with its PostgreSQL; then a shopper registers, fills a
 * cart and pays through the storefront's Service, and the confirmation email reaches an SMTP server on the node.
 */
class RealShopIT {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(8);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static KubernetesClient client;
    private static String namespace;
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
    }

    @AfterAll
    static void tearDown() {
        if (smtp != null) {
            smtp.stop();
        }
        TestCluster.tearDown(client, namespace);
    }

    @Test
    void fromOneShopPlatformToAPaidOrderAndItsEmail() throws Exception {
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
        try {
            Shops.awaitReady(client, namespace, "tea", READY_TIMEOUT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + failingPodLogs(), e);
        }
        System.out.printf("real shop: kubectl apply to Ready in %.0f s%n", (System.nanoTime() - applied) / 1e9);
        assertThat(Shops.status(client, namespace, "tea")).containsEntry("servicesReady", "8/8");

        String storefront = "http://" + client.services().inNamespace(namespace).withName("tea-storefront").get()
                .getSpec().getClusterIP() + ":8080";
        assertThat(get(storefront + "/", null).body()).contains("Real Tea Shop").contains("theme-sunset");
        String email = "ada-" + UUID.randomUUID() + "@shop.test";
        assertThat(post(storefront + "/api/users", "{\"email\":\"" + email + "\",\"password\":\"a long password\",\"name\":\"Ada\"}",
                null).statusCode()).isEqualTo(201);
        HttpResponse<String> login = post(storefront + "/api/login", "{\"email\":\"" + email + "\",\"password\":\"a long password\"}", null);
        Matcher token = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(login.body());
        assertThat(token.find()).as(login.body()).isTrue();
        String bearer = "Bearer " + token.group(1);
        assertThat(get(storefront + "/api/products?q=kettle", null).body()).contains("BRW-KET-10");
        assertThat(post(storefront + "/api/cart/lines", "{\"sku\":\"BRW-KET-10\",\"quantity\":1}", bearer).statusCode()).isEqualTo(200);
        HttpResponse<String> order = HTTP.send(HttpRequest.newBuilder(URI.create(storefront + "/api/orders"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Authorization", bearer)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"card\":{\"number\":\"4242 4242 4242 4242\",\"expiryMonth\":12,"
                        + "\"expiryYear\":2031,\"cvc\":\"123\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        assertThat(order.body()).contains("\"status\":\"CONFIRMED\"");
        Poll.until("the confirmation email", Duration.ofMinutes(1),
                () -> Arrays.stream(smtp.getReceivedMessages()).anyMatch(m -> to(m).equals(email)), RealShopIT::failingPodLogs);
    }

    private static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }

    /** For a failed wait: the shop's status and the last lines of every pod that is not ready. */
    private static String failingPodLogs() {
        StringBuilder out = new StringBuilder(Shops.describe(client, namespace, "tea"));
        for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
            boolean ready = pod.getStatus().getContainerStatuses().stream().allMatch(s -> Boolean.TRUE.equals(s.getReady()));
            if (!ready || pod.getStatus().getContainerStatuses().stream().anyMatch(s -> s.getRestartCount() > 0)) {
                String log;
                try {
                    log = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).tailingLines(30).getLog();
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

    private static HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15));
        if (bearer != null) {
            b.header("Authorization", bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String json, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            b.header("Authorization", bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
