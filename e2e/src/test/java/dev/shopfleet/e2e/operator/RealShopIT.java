package dev.shopfleet.e2e.operator;

import static dev.shopfleet.testkit.JsonAssert.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import dev.shopfleet.testkit.JsonAssert;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Real shops: two tenants' ShopPlatforms in two namespaces with the services' own images (service-images/build-images
 * pushes them to the cluster's registry), provisioned by the operator, each service with its PostgreSQL, each shop
 * served on its own host by the cluster's ingress controller (Traefik, port 30080 on the node). A shopper registers,
 * fills a cart and pays through the tenant's host, and the confirmation email reaches an SMTP server on the node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealShopIT {
    static final String INGRESS = "http://127.0.0.1:30080";
    private static final String MANIFEST_TYPES = "application/vnd.oci.image.manifest.v1+json, "
            + "application/vnd.docker.distribution.manifest.v2+json";
    private static final List<String> SERVICES = Arrays.stream(ShopService.values()).map(ShopService::id).toList();
    /** The images a shop runs: its services' and its broker's, built and versioned together. */
    private static final List<String> IMAGES = java.util.stream.Stream.concat(SERVICES.stream(), java.util.stream.Stream.of("broker"))
            .toList();
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(8);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static KubernetesClient client;
    private static String namespace;
    private static String otherNamespace;
    private static GreenMail smtp;
    /** Tenant text that Micronaut (${...}) or, in an env value, the kubelet ($$, $(...)) would expand as configuration. */
    private static final String HERBS_NAME = "Herb Garden ${datasources.default.password} $(SHOP_DB_PASSWORD) #{1}";
    private static final String TEA_SENDER = "orders+${micronaut.application.name}$$@tea.shop.test";

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        SharedOperator.get();
        String missing = IMAGES.stream().filter(s -> !imagePresent(s)).collect(Collectors.joining(", "));
        assertThat(missing).as("images missing from %s (run service-images/build-images first)", TestImages.shopImagesRegistry()).isEmpty();
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
        applyTea("{}", true);
        Shops.apply(client, otherNamespace, """
                apiVersion: shopfleet.dev/v1alpha1
                kind: ShopPlatform
                metadata: {name: herbs}
                spec:
                  displayName: "%s"
                  images: {registry: "%s", tag: "%s"}
                  route: {host: herbs.shop.test}
                  services:
                    users: {enabled: false}
                    cart: {enabled: false}
                    orders: {enabled: false}
                    payments: {enabled: false}
                    inventory: {enabled: false}
                    notifications: {enabled: false}
                """.formatted(HERBS_NAME, TestImages.shopImagesRegistry(), TestImages.shopImagesTag()));
        awaitReady(namespace, "tea");
        System.out.printf("real shop: kubectl apply to Ready in %.0f s%n", (System.nanoTime() - applied) / 1e9);
        awaitReady(otherNamespace, "herbs");
        assertThat(Shops.status(client, namespace, "tea")).containsEntry("servicesReady", "8/8")
                .containsEntry("url", "http://tea.shop.test/");
        assertThat(messaging()).as("tea's broker").containsEntry("broker", "Ready")
                .containsEntry("bootstrapServers", "tea-broker:" + BrokerContract.CLIENT_PORT)
                .containsEntry("topics", Arrays.stream(ShopTopic.values()).map(ShopTopic::topicName).toList());
        assertThat(Shops.status(client, otherNamespace, "herbs")).as("herbs runs no service that uses events, so no broker")
                .doesNotContainKey("messaging");
        assertThat(client.apps().statefulSets().inNamespace(otherNamespace).withName("herbs-broker").get()).isNull();
        // Every image names its AOT cache; a JVM that cannot use it logs "[aot]" errors first and starts without it.
        for (ShopService service : ShopService.values()) {
            assertThat(recentLogs(namespace, 10_000, service.id())).as(service.id() + " started from its AOT cache")
                    .contains("Startup completed").doesNotContain("][aot]");
        }
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
        assertThat(get(INGRESS + "/", "herbs.shop.test", null).body()).as("what a tenant typed is shown as typed")
                .contains(HERBS_NAME);
        assertThatJson(get(INGRESS + "/api/products?size=1", "herbs.shop.test", null).body()).has("total", 12);
        // Each tenant's catalogue is its own: what tea's admin adds, herbs does not sell.
        // The shop's admin registers with the invitation the operator generated into a Secret.
        String invitation = new String(Base64.getDecoder().decode(client.secrets().inNamespace(namespace)
                .withName("tea-admin-invitation").get().getData().get("token")), StandardCharsets.UTF_8);
        // The shop's first sign-up, moments after Ready: "unavailable, try again" (503) is printed and retried, as a
        // shopper would; any other answer but 202 fails here.
        AtomicReference<HttpResponse<String>> registered = new AtomicReference<>();
        Poll.until("the admin's registration to be answered", Duration.ofSeconds(30), () -> {
            registered.set(post(INGRESS + "/api/users", "tea.shop.test", "{\"email\":\"admin@tea.shop.test\","
                    + "\"password\":\"a long password\",\"name\":\"Admin\",\"invitation\":\"" + invitation + "\"}", null));
            if (registered.get().statusCode() == 503) {
                System.out.println("the first registration was answered 503: " + registered.get().body());
            }
            return registered.get().statusCode() != 503;
        }, () -> failingPodLogs(namespace, "tea"));
        assertThat(registered.get().statusCode()).as(registered.get().body()).isEqualTo(202);
        HttpResponse<String> login = post(INGRESS + "/api/login", "tea.shop.test",
                "{\"email\":\"admin@tea.shop.test\",\"password\":\"a long password\"}", null);
        Matcher admin = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(login.body());
        assertThat(admin.find()).as(() -> login.statusCode() + " " + login.body() + recentLogs(namespace, "users", "storefront"))
                .isTrue();
        assertThat(send(request(INGRESS + "/api/products/TEA-HOUSE-1", "tea.shop.test", "Bearer " + admin.group(1))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"House Blend\","
                        + "\"category\":\"tea\",\"priceMinor\":1200,\"currency\":\"EUR\"}"))).statusCode()).isEqualTo(201);
        assertThat(get(INGRESS + "/api/products/TEA-HOUSE-1", "tea.shop.test", null).statusCode()).isEqualTo(200);
        assertThat(get(INGRESS + "/api/products/TEA-HOUSE-1", "herbs.shop.test", null).statusCode()).isEqualTo(404);
        assertThat(get(INGRESS + "/", "nobody.shop.test", null).statusCode()).as("an unknown host").isEqualTo(404);
    }

    @Test
    @Order(2)
    void aShopperPaysThroughTheTenantsHostAndGetsTheEmail() throws Exception {
        String host = "tea.shop.test";
        String email = "ada-" + UUID.randomUUID() + "@shop.test";
        assertThat(post(INGRESS + "/api/users", host, "{\"email\":\"" + email + "\",\"password\":\"a long password\",\"name\":\"Ada\"}",
                null).statusCode()).isEqualTo(202);
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
        assertThatJson(order.body()).has("status", "CONFIRMED");
        Poll.until("the confirmation email", Duration.ofMinutes(1),
                () -> Arrays.stream(smtp.getReceivedMessages()).anyMatch(m -> to(m).equals(email)), () -> failingPodLogs(namespace, "tea"));
        MimeMessage mail = Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).equals(email)).findFirst().orElseThrow();
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).as("the sender a tenant typed, sent as typed")
                .isEqualTo(TEA_SENDER);

        // The event went through the broker: it is on the topic, keyed by the order, and notifications takes no HTTP events.
        String orderId = new Purchase(order, bearer).orderId();
        EventsToolPod.Run read = EventsToolPod.asService(client, namespace, "tea", brokerImage(), "notifications", "read",
                ShopTopic.ORDER_EVENTS_NAME);
        assertThat(read.exitCode()).as(read.output()).isZero();
        assertThat(read.output()).as("order-events as notifications reads it").containsPattern(
                "(?m)^order-events-\\d+@\\d+ key=" + orderId + " .*event-type=OrderPlaced.*traceparent=00-[0-9a-f]{32}-");
        // catalog took the same event: the kettle sold, so it leads the best sellers (nothing else sold in tea yet).
        Poll.until("the kettle first among tea's best sellers", Duration.ofMinutes(1),
                () -> get(INGRESS + "/api/products?sort=bestselling&size=1", host, null).body().contains("BRW-KET-10"),
                () -> failingPodLogs(namespace, "tea"));
        String notifications = client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/name", "notifications").list()
                .getItems().get(0).getStatus().getPodIP();
        assertThat(identityStatus("http://" + notifications + ":" + ShopContract.HTTP_PORT + "/events", token(namespace,
                "tea-orders", ShopContract.workloadAudience(namespace, "tea", ShopService.NOTIFICATIONS)), "{}"))
                .as("notifications' HTTP event endpoint, with orders' identity, while the shop has a broker").isEqualTo(404);
    }

    /**
     * What a client may do on the broker is what the contract's call graph says (ShopTopic), enforced by the broker for
     * each service's own user, not by the network (tea runs no network policy): another service's credentials, or a
     * wrong password, publish nothing.
     */
    @Test
    @Order(4)
    void onlyTheProducersIdentityPublishesItsTopic() {
        String image = brokerImage();
        String event = "{\"type\":\"not-an-event\"}";
        EventsToolPod.Run asNotifications = EventsToolPod.asService(client, namespace, "tea", image, "notifications", "publish",
                ShopTopic.ORDER_EVENTS_NAME, "forged", event);
        assertThat(asNotifications.exitCode()).as(asNotifications.output()).isEqualTo(1);
        assertThat(asNotifications.output()).contains("refused: org.apache.kafka.common.errors.TopicAuthorizationException");
        EventsToolPod.Run asOrders = EventsToolPod.asService(client, namespace, "tea", image, "orders", "publish",
                ShopTopic.NOTIFICATIONS_DEAD_LETTERS_NAME, "forged", event);
        assertThat(asOrders.output()).as("orders, on notifications' dead-letter topic")
                .contains("refused: org.apache.kafka.common.errors.TopicAuthorizationException");
        EventsToolPod.Run guessed = EventsToolPod.withPassword(client, namespace, "tea", image, "orders", "a guessed password",
                "publish", ShopTopic.ORDER_EVENTS_NAME, "forged", event);
        assertThat(guessed.output()).as("orders' name with a guessed password")
                .contains("refused: org.apache.kafka.common.errors.SaslAuthenticationException");
        EventsToolPod.Run asCatalog = EventsToolPod.asService(client, namespace, "tea", image, "catalog", "publish",
                ShopTopic.ORDER_EVENTS_NAME, "forged", event);
        assertThat(asCatalog.output()).as("catalog (it reads order-events) writing them")
                .contains("refused: org.apache.kafka.common.errors.TopicAuthorizationException");
        EventsToolPod.Run own = EventsToolPod.asService(client, namespace, "tea", image, "notifications", "publish",
                ShopTopic.NOTIFICATIONS_DEAD_LETTERS_NAME, "e2e-check", event);
        assertThat(own.exitCode()).as("notifications on its own topic: " + own.output()).isZero();
        assertThat(own.output()).contains("published: " + ShopTopic.NOTIFICATIONS_DEAD_LETTERS_NAME + "-");
    }

    /**
     * The broker gone (its pod deleted, and kept from coming back by a cordoned node): the shop says so, checkout still
     * confirms because orders keeps the event in its outbox, and the e-mail arrives once the broker is back.
     */
    @Test
    @Order(5)
    void withTheBrokerGoneCheckoutConfirmsAndTheEmailArrivesAfterItsReturn() {
        String node = client.pods().inNamespace(namespace).withName("tea-broker-0").get().getSpec().getNodeName();
        String email = "outage-" + UUID.randomUUID() + "@shop.test";
        client.nodes().withName(node).edit(n -> {
            n.getSpec().setUnschedulable(true);
            return n;
        });
        try {
            client.pods().inNamespace(namespace).withName("tea-broker-0").withGracePeriod(0).delete();
            Shops.awaitCondition(client, namespace, "tea", "Ready", "False", "BrokerNotReady", Duration.ofMinutes(2));
            assertThat(messaging()).containsEntry("broker", "Unavailable");
            Purchase during = buy(email);
            assertThat(during.statusCode()).as(during.body()).isEqualTo(201);
            assertThatJson(during.body()).has("status", "CONFIRMED");
            Poll.until("orders to hold the event it cannot publish", Duration.ofMinutes(1), () -> {
                try {
                    return psqlInOrdersDatabase("SELECT count(*) FROM outbox WHERE published_at IS NULL AND order_id = $$"
                            + during.orderId() + "$$").trim().equals("1");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(Arrays.stream(smtp.getReceivedMessages()).noneMatch(m -> to(m).equals(email))).as("no e-mail yet").isTrue();
        } finally {
            client.nodes().withName(node).edit(n -> {
                n.getSpec().setUnschedulable(false);
                return n;
            });
        }
        awaitReady(namespace, "tea");
        assertThat(messaging()).containsEntry("broker", "Ready");
        Poll.until("the e-mail of the order placed while the broker was gone", Duration.ofMinutes(3),
                () -> Arrays.stream(smtp.getReceivedMessages()).anyMatch(m -> to(m).equals(email)), () -> failingPodLogs(namespace, "tea"));
        assertThat(Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).equals(email)).count()).as("e-mails").isEqualTo(1);
    }

    private static String brokerImage() {
        return TestImages.shopImagesRegistry() + "/broker:" + TestImages.shopImagesTag();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> messaging() {
        return (Map<String, Object>) Shops.status(client, namespace, "tea").get("messaging");
    }

    /**
     * Mesh mode none: nothing on the network stops a caller, yet payments takes orders' calls only. Tokens made by the
     * API server for the shops' ServiceAccounts, presented straight to a payments pod.
     */
    @Test
    @Order(5)
    void withNoNetworkPolicyPaymentsStillTakesOnlyOrdersCalls() {
        String payments = client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/name", "payments").list().getItems()
                .get(0).getStatus().getPodIP();
        String audience = ShopContract.workloadAudience(namespace, "tea", ShopService.PAYMENTS);
        String path = "http://" + payments + ":" + ShopContract.HTTP_PORT + "/payments/no-such-order";
        assertThat(identityStatus(path, null)).as("no token").isEqualTo(401);
        assertThat(identityStatus(path, token(namespace, "tea-cart", audience))).as("cart's token").isEqualTo(403);
        assertThat(identityStatus(path, token(namespace, "tea-orders", audience))).as("orders' token").isEqualTo(404);
        assertThat(identityStatus(path, token(namespace, "tea-orders",
                ShopContract.workloadAudience(namespace, "tea", ShopService.INVENTORY)))).as("orders', for inventory").isEqualTo(401);
        assertThat(identityStatus(path, token(otherNamespace, "herbs-catalog",
                ShopContract.workloadAudience(otherNamespace, "herbs", ShopService.PAYMENTS)))).as("another shop's").isEqualTo(401);
        assertThat(Shops.hasCondition(client, namespace, "tea", "MeshPolicyApplied", "False", "MeshDisabled")).isTrue();
    }

    private static String token(String namespace, String serviceAccount, String audience) {
        return client.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                .tokenRequest(new io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder().withNewSpec()
                        .withAudiences(audience).withExpirationSeconds(600L).endSpec().build())
                .getStatus().getToken();
    }

    private static int identityStatus(String url, String token) {
        return identityStatus(url, token, null);
    }

    /** The status of a GET, or with {@code json} a POST of it, presenting {@code token} as the workload's identity. */
    private static int identityStatus(String url, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (json != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        if (token != null) {
            request.header(ShopContract.WORKLOAD_TOKEN_HEADER, token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(6)
    void dayTwoThroughTheShopOnlyScaleCatalogAndDisableNotifications() {
        applyTea("{replicas: 3}", true);
        Poll.until("3 ready catalog pods, reported in the status", READY_TIMEOUT,
                () -> catalogReady() == 3 && "3".equals(String.valueOf(serviceStatus("catalog").get("readyReplicas"))),
                () -> failingPodLogs(namespace, "tea"));
        applyTea("{replicas: 3}", false);
        Poll.until("notifications' objects to go", READY_TIMEOUT, () -> client.apps().deployments().inNamespace(namespace)
                .withName("tea-notifications").get() == null && client.services().inNamespace(namespace).withName("tea-notifications")
                .get() == null && client.network().v1().networkPolicies().inNamespace(namespace).withName("tea-notifications").get() == null);
        awaitReady(namespace, "tea");
        assertThat(Shops.status(client, namespace, "tea")).containsEntry("servicesReady", "7/7");
        assertThatJson(buy("late-" + UUID.randomUUID() + "@shop.test").body()).as("checkout without notifications").has("status", "CONFIRMED");
    }

    @Test
    @Order(7)
    void aNewVersionRollsOutWhileShoppersBrowseWithoutAFailedRequest() throws Exception {
        for (String image : IMAGES) {
            retag(image, TestImages.shopImagesTag(), "v2");
        }
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger loads = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread shopper = new Thread(() -> {
            while (loading.get()) {
                String failure = pageLoad();
                if (failure != null) {
                    failures.add(failure);
                }
                loads.incrementAndGet();
            }
        });
        shopper.start();
        try {
            applyTea("{replicas: 3}", false, "v2");
            Poll.until("every service rolled out to v2", READY_TIMEOUT, () -> client.apps().deployments().inNamespace(namespace)
                    .withLabel("shopfleet.dev/shop", "tea").list().getItems().stream().allMatch(d ->
                            d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().endsWith(":v2")
                                    && d.getStatus() != null && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())
                                    && d.getSpec().getReplicas().equals(d.getStatus().getUpdatedReplicas())
                                    && d.getSpec().getReplicas().equals(d.getStatus().getReadyReplicas())
                                    && d.getSpec().getReplicas().equals(d.getStatus().getReplicas())),
                    () -> failingPodLogs(namespace, "tea"));
            awaitReady(namespace, "tea");
        } finally {
            loading.set(false);
            shopper.join();
        }
        System.out.printf("rolling update to v2: %d page loads, %d failed%n", loads.get(), failures.size());
        assertThat(serviceStatus("catalog").get("image").toString()).endsWith("/catalog:v2");
        assertThat(loads.get()).isPositive();
        assertThat(failures).as("failed page loads during the rollout").isEmpty();
    }

    @Test
    @Order(8)
    void aKilledCatalogPodCostsNoPageLoad() throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger loads = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread shopper = new Thread(() -> {
            while (loading.get()) {
                String failure = pageLoad(); // as a browser would, reloading once when a load fails
                if (failure != null && pageLoad() != null) {
                    failures.add(failure);
                }
                loads.incrementAndGet();
            }
        });
        shopper.start();
        Pod victim = client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/name", "catalog").list().getItems().get(0);
        client.pods().inNamespace(namespace).withName(victim.getMetadata().getName()).withGracePeriod(0).delete();
        Poll.until("catalog back to 3 ready pods, under at least 20 page loads", READY_TIMEOUT,
                () -> catalogReady() == 3 && client.pods().inNamespace(namespace).withName(victim.getMetadata().getName()).get() == null
                        && loads.get() >= 20);
        loading.set(false);
        shopper.join();
        System.out.printf("catalog pod killed: %d page loads, %d failed after a reload%n", loads.get(), failures.size());
        assertThat(loads.get()).isPositive();
        assertThat(failures).as("page loads that failed twice").isEmpty();
    }

    @Test
    @Order(9)
    void withPaymentsDatabaseGoneTheShopIsDegradedBrowsingWorksCheckoutSaysPaymentsAreUnavailable() {
        String node = client.pods().inNamespace(namespace).withName("tea-payments-db-0").get().getSpec().getNodeName();
        Purchase before = buy("before-" + UUID.randomUUID() + "@shop.test");
        assertThat(before.body()).contains("CONFIRMED");
        client.nodes().withName(node).edit(n -> { // keeps the killed pod from coming back until the node is uncordoned
            n.getSpec().setUnschedulable(true);
            return n;
        });
        try {
            client.pods().inNamespace(namespace).withName("tea-payments-db-0").withGracePeriod(0).delete();
            Shops.awaitCondition(client, namespace, "tea", "Degraded", "True", "DatabaseUnavailable", Duration.ofMinutes(2));
            assertThat(Shops.condition(client, namespace, "tea", "Degraded").orElseThrow().get("message").toString()).contains("payments");
            assertThat(get(INGRESS + "/", "tea.shop.test", null).statusCode()).as("browsing").isEqualTo(200);
            Poll.until("checkout to say payments are unavailable", Duration.ofMinutes(1),
                    () -> JsonAssert.anyObjectHas(get(INGRESS + "/api/checkout/availability", "tea.shop.test", null).body(), "available", false));
            Purchase refused = buy("during-" + UUID.randomUUID() + "@shop.test");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("payments are unavailable");
        } finally {
            client.nodes().withName(node).edit(n -> {
                n.getSpec().setUnschedulable(false);
                return n;
            });
        }
        awaitReady(namespace, "tea");
        Shops.awaitCondition(client, namespace, "tea", "Degraded", "False", null, Duration.ofMinutes(2));
        Poll.until("payments to take payments again", Duration.ofMinutes(2),
                () -> JsonAssert.anyObjectHas(get(INGRESS + "/api/checkout/availability", "tea.shop.test", null).body(), "available", true));
        assertThat(buy("after-" + UUID.randomUUID() + "@shop.test").body()).contains("CONFIRMED");
        assertThat(get(INGRESS + "/api/orders/" + before.orderId(), "tea.shop.test", before.bearer()).body())
                .as("the order paid before the outage is still there").contains("CONFIRMED");
    }

    @Test
    @Order(10)
    void whenTheLeaderDiesTheOtherOperatorReconcilesAChangeMadeMeanwhile() throws Exception {
        OperatorProcess standby = OperatorProcess.start(client, "operator-standby", SharedOperator.CONFIG);
        try {
            SharedOperator.get().kill();
            applyTea("{replicas: 2}", false);
            Poll.until("the standby to take over and scale catalog to 2", Duration.ofMinutes(3),
                    () -> client.apps().deployments().inNamespace(namespace).withName("tea-catalog").get().getSpec().getReplicas() == 2,
                    standby::logTail);
        } finally {
            standby.kill();
            SharedOperator.crashAndRestart();
        }
        // The change also took tea back from v2 to the suite's tag: every service and the broker roll. The next test
        // asserts that tea's pods stay as they are, so it starts once none is left to be replaced.
        Shops.awaitSettled(client, namespace, "tea", READY_TIMEOUT);
    }

    @Test
    @Order(11)
    void deletingOneTenantRemovesItsObjectsKeepsItsRetainedDataAndLeavesTheOtherAlone() {
        Map<String, Integer> teaPodsBefore = runningPodRestarts(namespace);
        Shops.shop(client, otherNamespace, "herbs").delete();
        Poll.until("herbs' objects to be garbage-collected", READY_TIMEOUT, () ->
                client.apps().deployments().inNamespace(otherNamespace).list().getItems().isEmpty()
                        && client.apps().statefulSets().inNamespace(otherNamespace).list().getItems().isEmpty()
                        && client.services().inNamespace(otherNamespace).list().getItems().isEmpty()
                        && client.network().v1().ingresses().inNamespace(otherNamespace).list().getItems().isEmpty());
        Poll.until("the ingress controller to stop serving herbs' host", Duration.ofMinutes(1),
                () -> get(INGRESS + "/", "herbs.shop.test", null).statusCode() == 404);
        assertThat(client.persistentVolumeClaims().inNamespace(otherNamespace).withName("data-herbs-catalog-db-0").get())
                .as("the retained volume").isNotNull();
        assertThat(client.secrets().inNamespace(otherNamespace).withName("herbs-catalog-db").get()).as("the retained credentials")
                .isNotNull();
        // Left alone: the same pods, none restarted. (Its Ready is polled: on a busy machine one of its pods may miss
        // a readiness probe while herbs' pods stop, and the status says so honestly.)
        assertThat(runningPodRestarts(namespace)).as(() -> "tea's running pods and their restarts; "
                + Shops.describe(client, namespace, "tea")).containsAllEntriesOf(teaPodsBefore);
        awaitReady(namespace, "tea");
        assertThat(get(INGRESS + "/", "tea.shop.test", null).body()).contains("Real Tea Shop");
    }

    /** Restarts by pod ("name uid") of the pods that run and are not being deleted. */
    private static Map<String, Integer> runningPodRestarts(String ns) {
        return client.pods().inNamespace(ns).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null && "Running".equals(pod.getStatus().getPhase()))
                .collect(Collectors.toMap(pod -> pod.getMetadata().getName() + " " + pod.getMetadata().getUid(),
                        pod -> pod.getStatus().getContainerStatuses().stream().mapToInt(ContainerStatus::getRestartCount).sum()));
    }

    /**
     * What orders could not deliver after all its attempts is on the shop's status, naming orders, until someone deals
     * with it (here: as an SRE would, in orders' database), and checkout goes on meanwhile.
     */
    @Test
    @Order(12)
    void whatOrdersSetsAsideIsOnTheShopsStatusUntilSomeoneDealsWithIt() throws Exception {
        // Without a broker orders delivers to notifications itself; notifications runs no pod, so its events cannot be
        // delivered, and orders gives each up after one attempt.
        applyTea("{replicas: 2}", "enabled: true, replicas: 0", TestImages.shopImagesTag(),
                "{env: [{name: ORDERS_OUTBOX_MAX_ATTEMPTS, value: '1'}]}", "none");
        Poll.until("the broker's StatefulSet to go", READY_TIMEOUT,
                () -> client.apps().statefulSets().inNamespace(namespace).withName("tea-broker").get() == null);
        awaitReady(namespace, "tea");
        assertThat(buy("set-aside-" + UUID.randomUUID() + "@shop.test").body()).contains("CONFIRMED");
        Shops.awaitCondition(client, namespace, "tea", "Degraded", "True", "DeadLetters", Duration.ofMinutes(2));
        assertThat(Shops.condition(client, namespace, "tea", "Degraded").orElseThrow().get("message").toString())
                .containsPattern("orders: it set aside [1-9][0-9]* event\\(s\\)"); // with the earlier tests' waiting events
        assertThat(buy("meanwhile-" + UUID.randomUUID() + "@shop.test").body()).as("checkout goes on").contains("CONFIRMED");

        applyTea("{replicas: 2}", false); // as before: no notifications, so nothing more is set aside
        awaitReady(namespace, "tea");
        // What the old orders pod still set aside while it stopped lands after a first clean-up: clean up until none is left.
        Poll.until("the shop to be Degraded no more once its dead letters are dealt with", Duration.ofMinutes(2), () -> {
            try {
                psqlInOrdersDatabase("DELETE FROM outbox_dead_letter");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Shops.hasCondition(client, namespace, "tea", "Degraded", "False", null);
        }, () -> Shops.describe(client, namespace, "tea"));
    }

    /**
     * The platform team's Kafka instead of the shop's own (messaging.mode external): the operator checks the Secret that
     * describes it and names what is missing, then wires each client service to it as the Secret's user; a purchase's
     * event goes through it to the e-mail, and catalog counts what is sold on it.
     */
    @Test
    @Order(13)
    void onThePlatformTeamsKafkaAPurchaseGoesThroughItToTheEmailAndCatalogCountsItsSales() throws Exception {
        String kafkaNamespace = TestCluster.createNamespace(client, "platform-kafka");
        try {
            Map<String, String> passwords = new LinkedHashMap<>();
            ShopTopic.clients().forEach(c -> passwords.put(c.id(), "pw-" + UUID.randomUUID()));
            String servers = startPlatformKafka(kafkaNamespace, passwords);
            var kafkaSecret = Shops.externalKafkaSecret(namespace, "platform-kafka", servers, "SASL_PLAINTEXT",
                    user -> passwords.get(user.id()));
            kafkaSecret.getStringData().remove(BrokerContract.usernameKey(ShopService.CATALOG)); // catalog's forgotten
            kafkaSecret.getStringData().remove(BrokerContract.passwordKey(ShopService.CATALOG));
            client.resource(kafkaSecret).create();
            applyTea("{replicas: 1}", "enabled: true", TestImages.shopImagesTag(), "{}", "external, secretName: platform-kafka");
            Shops.awaitCondition(client, namespace, "tea", "Degraded", "True", "ExternalBrokerInvalid", Duration.ofMinutes(2));
            assertThat(Shops.condition(client, namespace, "tea", "Degraded").orElseThrow().get("message").toString())
                    .contains("Secret platform-kafka lacks catalog-username, catalog-password").doesNotContain(passwords.get("orders"));
            assertThat(messaging()).containsEntry("broker", "Invalid");

            client.secrets().inNamespace(namespace).withName("platform-kafka").edit(secret -> new SecretBuilder(secret)
                    .addToStringData(BrokerContract.usernameKey(ShopService.CATALOG), "catalog")
                    .addToStringData(BrokerContract.passwordKey(ShopService.CATALOG), passwords.get("catalog")).build());
            Poll.until("tea on the platform's Kafka", READY_TIMEOUT, () -> "External".equals(messaging().get("broker"))
                    && Shops.hasCondition(client, namespace, "tea", "Ready", "True", null), () -> failingPodLogs(namespace, "tea"));
            Poll.until("tea's own broker to go", READY_TIMEOUT,
                    () -> client.apps().statefulSets().inNamespace(namespace).withName("tea-broker").get() == null);

            String email = "platform-" + UUID.randomUUID() + "@shop.test";
            Purchase purchase = buy(email);
            assertThat(purchase.body()).contains("CONFIRMED");
            Poll.until("the e-mail, through the platform's Kafka", Duration.ofMinutes(2),
                    () -> Arrays.stream(smtp.getReceivedMessages()).anyMatch(m -> to(m).equals(email)),
                    () -> failingPodLogs(namespace, "tea"));
            EventsToolPod.Run read = EventsToolPod.onBroker(client, kafkaNamespace, servers, brokerImage(), "notifications",
                    passwords.get("notifications"), "read", ShopTopic.ORDER_EVENTS_NAME);
            assertThat(read.output()).as("order-events on the platform's Kafka").containsPattern(
                    "(?m)^order-events-\\d+@\\d+ key=" + purchase.orderId() + " .*event-type=OrderPlaced");

            // catalog reads there too: a sale of 1000 decaf published as orders there puts decaf first.
            String sale = """
                    {"eventId":"%s","type":"OrderPlaced","version":1,"occurredAt":"2026-12-06T18:00:00Z","orderId":"%s",\
                    "email":"kim@shop.test","name":"Kim","lines":[{"sku":"COF-DEC-250","name":"Decaf","quantity":1000,\
                    "unitPriceMinor":100}],"totalMinor":100000,"currency":"EUR"}""".formatted(UUID.randomUUID(), UUID.randomUUID());
            EventsToolPod.Run published = EventsToolPod.onBroker(client, kafkaNamespace, servers, brokerImage(), "orders",
                    passwords.get("orders"), "publish", ShopTopic.ORDER_EVENTS_NAME, "decaf-sale", sale);
            assertThat(published.exitCode()).as(published.output()).isZero();
            Poll.until("decaf first among tea's best sellers", Duration.ofMinutes(1), () -> get(INGRESS
                    + "/api/products?sort=bestselling&size=1", "tea.shop.test", null).body().contains("COF-DEC-250"),
                    () -> failingPodLogs(namespace, "tea"));
        } finally {
            client.namespaces().withName(kafkaNamespace).delete();
        }
    }

    /**
     * A Kafka the way a platform team might run one for many shops, here the broker image in a namespace of its own with
     * a user per client service; where it is, as host:port.
     */
    private static String startPlatformKafka(String kafkaNamespace, Map<String, String> passwords) {
        String host = "kafka." + kafkaNamespace + ".svc";
        List<EnvVar> env = new ArrayList<>(List.of(new EnvVar(BrokerContract.ENV_DATA_DIR, "/var/lib/broker/data", null),
                new EnvVar(BrokerContract.ENV_ADVERTISED_HOST, host, null),
                new EnvVar(BrokerContract.ENV_ADMIN_PASSWORD, "admin-" + UUID.randomUUID(), null)));
        passwords.forEach((id, password) -> env.add(new EnvVar(BrokerContract.clientPasswordEnv(ShopService.fromId(id)), password, null)));
        client.resource(new PodBuilder().withNewMetadata().withName("kafka").withNamespace(kafkaNamespace)
                .withLabels(Map.of("app", "kafka")).endMetadata()
                .withNewSpec().withSecurityContext(TestCluster.restrictedPod(65532)).withAutomountServiceAccountToken(false)
                .addNewContainer().withName("kafka").withImage(brokerImage()).withEnv(env)
                .addNewPort().withContainerPort(BrokerContract.CLIENT_PORT).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath(ShopContract.READINESS_PATH)
                .withPort(new IntOrString(BrokerContract.HEALTH_PORT)).endHttpGet().withPeriodSeconds(2).endReadinessProbe()
                .withNewResources().addToLimits("memory", new Quantity("768Mi")).endResources()
                .withSecurityContext(TestCluster.restrictedContainer())
                .addNewVolumeMount().withName("data").withMountPath("/var/lib/broker").endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().build()).create();
        client.resource(new ServiceBuilder().withNewMetadata().withName("kafka").withNamespace(kafkaNamespace).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "kafka")).addNewPort().withPort(BrokerContract.CLIENT_PORT)
                .withTargetPort(new IntOrString(BrokerContract.CLIENT_PORT)).endPort().endSpec().build()).create();
        Poll.until("the platform's Kafka to be ready", Duration.ofMinutes(3), () -> {
            var pod = client.pods().inNamespace(kafkaNamespace).withName("kafka").get();
            return pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        }, () -> TestCluster.describe(client, kafkaNamespace));
        return host + ":" + BrokerContract.CLIENT_PORT;
    }

    /** As an SRE would: psql in the database's own pod, as its owner; what psql printed. */
    private static String psqlInOrdersDatabase(String sql) throws Exception {
        String password = new String(Base64.getDecoder().decode(client.secrets().inNamespace(namespace).withName("tea-orders-db")
                .get().getData().get("password")), StandardCharsets.UTF_8);
        var output = new java.io.ByteArrayOutputStream();
        try (ExecWatch exec = client.pods().inNamespace(namespace).withName("tea-orders-db-0").writingOutput(output)
                .writingError(output).exec("sh", "-c", "PGPASSWORD='" + password + "' psql -h 127.0.0.1 -U orders -d orders "
                        + "-v ON_ERROR_STOP=1 -tAc '" + sql + "'")) {
            int exit = exec.exitCode().get(1, java.util.concurrent.TimeUnit.MINUTES);
            String printed = output.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(sql + ": " + printed).isZero();
            return printed;
        }
    }

    private static void applyTea(String catalog, boolean notifications) {
        applyTea(catalog, notifications, TestImages.shopImagesTag());
    }

    private static void applyTea(String catalog, boolean notifications, String tag) {
        applyTea(catalog, "enabled: " + notifications, tag, "{}", "managed");
    }

    /**
     * {@code catalog}, {@code orders}: those services' specs; {@code notifications}: its fields besides its mail server;
     * {@code messaging}: the messaging mode.
     */
    private static void applyTea(String catalog, String notifications, String tag, String orders, String messaging) {
        Shops.apply(client, namespace, """
                apiVersion: shopfleet.dev/v1alpha1
                kind: ShopPlatform
                metadata: {name: tea}
                spec:
                  displayName: Real Tea Shop
                  theme: sunset
                  images: {registry: "%s", tag: "%s"}
                  route: {host: tea.shop.test}
                  mesh: {mode: none} # no traffic policy: only workload identity stands between the services
                  messaging: {mode: %s}
                  services:
                    catalog: %s
                    orders: %s
                    users:
                      env: [{name: SHOP_ADMIN_EMAILS, value: admin@tea.shop.test}]
                    notifications: {%s, env: [{name: SHOP_SMTP_HOST, value: "%s"}, {name: SHOP_SMTP_PORT, value: "%d"},
                      {name: SHOP_SMTP_FROM, value: "%s"}]}
                """.formatted(TestImages.shopImagesRegistry(), tag, messaging, catalog, orders, notifications, smtp.getSmtp().getBindTo(),
                smtp.getSmtp().getPort(), TEA_SENDER));
    }

    /** An order as checkout answered it, and the shopper who placed it. */
    private record Purchase(HttpResponse<String> response, String bearer) {
        String body() {
            return response.body();
        }

        int statusCode() {
            return response.statusCode();
        }

        String orderId() {
            Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(body());
            assertThat(id.find()).as(body()).isTrue();
            return id.group(1);
        }
    }

    /** A new shopper registers, puts tea in the cart and pays with the card that pays, through the tenant's host. */
    private static Purchase buy(String email) {
        String host = "tea.shop.test";
        post(INGRESS + "/api/users", host, "{\"email\":\"" + email + "\",\"password\":\"a long password\",\"name\":\"Kim\"}", null);
        HttpResponse<String> login = post(INGRESS + "/api/login", host, "{\"email\":\"" + email + "\",\"password\":\"a long password\"}", null);
        Matcher token = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(login.body());
        assertThat(token.find()).as(login.body()).isTrue();
        String bearer = "Bearer " + token.group(1);
        post(INGRESS + "/api/cart/lines", host, "{\"sku\":\"TEA-EAR-100\",\"quantity\":1}", bearer);
        HttpResponse<String> order = send(request(INGRESS + "/api/orders", host, bearer).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"card\":{\"number\":\"4242 4242 4242 4242\",\"expiryMonth\":12,"
                        + "\"expiryYear\":2031,\"cvc\":\"123\"}}")));
        return new Purchase(order, bearer);
    }

    private static String pageLoad() {
        try {
            HttpResponse<String> page = get(INGRESS + "/?category=tea", "tea.shop.test", null);
            return page.statusCode() == 200 && page.body().contains("Earl Grey") ? null : "HTTP " + page.statusCode();
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    private static int catalogReady() {
        var catalog = client.apps().deployments().inNamespace(namespace).withName("tea-catalog").get();
        return catalog.getStatus() == null || catalog.getStatus().getReadyReplicas() == null ? 0 : catalog.getStatus().getReadyReplicas();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> serviceStatus(String service) {
        return (Map<String, Object>) ((Map<String, Object>) Shops.status(client, namespace, "tea").get("services")).get(service);
    }

    private static boolean served(String host, String name, String otherName) {
        HttpResponse<String> page = get(INGRESS + "/", host, null);
        return page.statusCode() == 200 && page.body().contains(name) && !page.body().contains(otherName);
    }

    @Test
    @Order(3)
    void aShopperBuysInABrowserAtTheTenantsUrl() throws Exception {
        ShopperBrowser browser = ShopperBrowser.at("tea.shop.test");
        try {
            String email = "robin-" + UUID.randomUUID() + "@shop.test";
            browser.open("/");
            assertThat(browser.driver.getTitle()).contains("Real Tea Shop");
            browser.register("Robin", email, "robin's password");
            int reloads = browser.addToCart("kettle", "BRW-KET-10", () -> recentLogs(namespace, "storefront", "cart"));
            System.out.printf("browser journey: the cart page needed %d reloads%n", reloads);
            assertThat(browser.pay("4242 4242 4242 4242")).isEqualTo("CONFIRMED");
            String orderId = browser.driver.findElement(By.id("order-id")).getText();
            Path shot = Path.of("target", "screenshots", "tenant-confirmation.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, ((TakesScreenshot) browser.driver).getScreenshotAs(OutputType.BYTES));
            browser.driver.findElement(By.id("orders-link")).click();
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("order-history")));
            assertThat(browser.driver.findElement(By.id("order-history")).getText()).contains(orderId.substring(0, 8));
            Poll.until("the confirmation email", Duration.ofMinutes(1),
                    () -> Arrays.stream(smtp.getReceivedMessages()).anyMatch(m -> to(m).equals(email)));
        } catch (org.openqa.selenium.WebDriverException e) {
            String page = browser.driver.getPageSource();
            // The summary shows only this message: the driver's own first line says which step timed out or failed.
            throw new AssertionError("the browser journey stopped at " + browser.driver.getCurrentUrl() + " ("
                    + e.getMessage().lines().findFirst().orElse(e.getClass().getName()) + "):\n"
                    + page.substring(0, Math.min(page.length(), 3000)) + "\n" + recentLogs(namespace, "storefront", "cart", "catalog"), e);
        } finally {
            browser.close();
        }
    }

    /** The last lines each service logged, for a failure that no pod's readiness shows. */
    private static String recentLogs(String ns, String... services) {
        return recentLogs(ns, 20, services);
    }

    private static String recentLogs(String ns, int lines, String... services) {
        StringBuilder out = new StringBuilder();
        for (String service : services) {
            for (Pod pod : client.pods().inNamespace(ns).withLabel("app.kubernetes.io/name", service).list().getItems()) {
                out.append("\n--- ").append(pod.getMetadata().getName()).append(":\n")
                        .append(client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).tailingLines(lines).getLog());
            }
        }
        return out.toString();
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

    /** Gives an image in the cluster's registry a second tag (the same manifest, so the same image). */
    private static void retag(String service, String from, String to) throws Exception {
        String base = "http://" + TestCluster.registry() + "/v2/shopfleet/" + service + "/manifests/";
        HttpResponse<byte[]> manifest = HTTP.send(HttpRequest.newBuilder(URI.create(base + from)).header("Accept", MANIFEST_TYPES).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(manifest.statusCode()).as(service + ":" + from).isEqualTo(200);
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(base + to))
                .header("Content-Type", manifest.headers().firstValue("Content-Type").orElseThrow())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    private static boolean imagePresent(String service) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + TestCluster.registry() + "/v2/shopfleet/" + service
                    + "/manifests/" + TestImages.shopImagesTag())).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept", MANIFEST_TYPES)
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
