package dev.shopfleet.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.e2e.Probe;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The NetworkPolicies the operator derives from the call graph, enforced by the local cluster's kube-router and
 * proven with packets sent from inside the shops' own pods (see {@link Probe}): every check that something is
 * refused stands next to one that the same path is open where the call graph says so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrafficPolicyIT {
    private static final Duration READY = Duration.ofMinutes(6);
    private static final int HTTP = 8080;
    private static final int POSTGRES = 5432;
    /** The broker's client port (the stand-in broker listens there too). */
    private static final int BROKER = BrokerContract.CLIENT_PORT;
    /** notifications' mail server: the outsider's echo server, so "only on the mail port" is checkable. */
    private static final int SMTP = HTTP;
    private static KubernetesClient client;
    private static String tea;
    private static String herbs;
    private static String outside;
    private static Pod outsider;
    private static Pod outsideServer;
    private static Pod ingress;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        requireEnforcement();
        SharedOperator.get();
        String images = TestImages.standInShopImages();
        tea = TestCluster.createNamespace(client, "tea");
        herbs = TestCluster.createNamespace(client, "herbs");
        outside = TestCluster.createNamespace(client, "outside");
        Shops.apply(client, tea, tea(images, "{mode: managed}"));
        Shops.apply(client, herbs, MinimalShops.yaml("herbs", images, "{}", "deletionPolicy: Delete"));
        outsider = Probe.standalone(client, outside, "outsider", Map.of("app", "outsider"));
        outsideServer = echoServer(outside);
        ingress = Probe.standalone(client, "traefik", "probe-" + tea, Map.of("app", "probe"));
        Shops.awaitReady(client, tea, "tea", READY);
        Shops.awaitReady(client, herbs, "herbs", READY);
    }

    @AfterAll
    static void tearDown() {
        if (ingress != null) {
            client.resource(ingress).delete();
        }
        client.namespaces().withName(herbs).delete();
        client.namespaces().withName(outside).delete();
        TestCluster.tearDown(client, tea);
    }

    @Test
    @Order(1)
    void eachServiceReachesExactlyItsCallees() {
        assertThat(connects(tea, "orders", service(tea, "tea-payments"), HTTP)).as("orders -> payments").isTrue();
        assertThat(connects(tea, "cart", service(tea, "tea-payments"), HTTP)).as("cart -> payments").isFalse();
        assertThat(connects(tea, "storefront", service(tea, "tea-catalog"), HTTP)).as("storefront -> catalog").isTrue();
        assertThat(connects(tea, "storefront", service(tea, "tea-inventory"), HTTP)).as("storefront -> inventory").isFalse();
    }

    /** The broker's clients are the services that produce or consume a topic (ShopTopic), nobody else. */
    @Test
    @Order(2)
    void theBrokerAdmitsOnlyTheServicesThatUseEvents() {
        String broker = service(tea, "tea-broker");
        assertThat(connects(tea, "orders", broker, BROKER)).as("orders (a producer) -> the broker").isTrue();
        assertThat(connects(tea, "notifications", broker, BROKER)).as("notifications (a consumer) -> the broker").isTrue();
        assertThat(connects(tea, "catalog", broker, BROKER)).as("catalog (a consumer: its best sellers) -> the broker").isTrue();
        assertThat(connects(tea, "cart", broker, BROKER)).as("cart -> the broker").isFalse();
        assertThat(connects(herbs, "storefront", broker, BROKER)).as("herbs -> tea's broker").isFalse();
        assertThat(Probe.connects(client, outsider, broker, BROKER)).as("another namespace -> tea's broker").isFalse();
    }

    @Test
    @Order(3)
    void aDatabaseAdmitsOnlyItsService() {
        assertThat(connects(tea, "payments", address(tea, "payments-db"), POSTGRES)).as("payments -> its database").isTrue();
        assertThat(connects(tea, "catalog", address(tea, "payments-db"), POSTGRES)).as("catalog -> payments' database").isFalse();
    }

    @Test
    @Order(4)
    void twoShopsCannotReachEachOther() {
        assertThat(connects(herbs, "storefront", service(herbs, "herbs-catalog"), HTTP)).as("herbs' own call").isTrue();
        assertThat(connects(herbs, "storefront", service(tea, "tea-catalog"), HTTP)).as("herbs -> tea").isFalse();
        assertThat(connects(tea, "storefront", service(herbs, "herbs-catalog"), HTTP)).as("tea -> herbs").isFalse();
        assertThat(connects(herbs, "catalog", address(tea, "catalog-db"), POSTGRES)).as("herbs -> tea's database").isFalse();
    }

    @Test
    @Order(5)
    void aShopReachesNothingOutsideButNamesAndItsMailServersPort() {
        String server = outsideServer.getStatus().getPodIP();
        assertThat(Probe.connects(client, outsider, server, HTTP)).as("the outside server answers its neighbours").isTrue();
        assertThat(connects(tea, "catalog", server, HTTP)).as("catalog -> an outside address").isFalse();
        assertThat(connects(tea, "notifications", server, SMTP)).as("notifications -> the mail port").isTrue();
        assertThat(Probe.resolves(client, pod(tea, "catalog"), "kubernetes.default.svc.cluster.local")).as("DNS").isTrue();
    }

    @Test
    @Order(6)
    void theStorefrontAdmitsTheIngressNamespaceOnly() {
        String storefront = service(tea, "tea-storefront");
        assertThat(Probe.connects(client, ingress, storefront, HTTP)).as("from the ingress namespace").isTrue();
        assertThat(Probe.connects(client, outsider, storefront, HTTP)).as("from another namespace").isFalse();
        assertThat(Probe.connects(client, outsider, service(tea, "tea-catalog"), HTTP)).as("catalog from outside").isFalse();
    }

    @Test
    @Order(7)
    void aDisabledServiceLosesItsAccessAndOneEnabledLaterIsNeverOpenBeforeItsPolicy() {
        Pod notifications = pod(tea, "notifications");
        String address = notifications.getStatus().getPodIP();
        assertThat(connects(tea, "orders", address, HTTP)).as("orders -> notifications while enabled").isTrue();

        Shops.apply(client, tea, teaWithNotifications(false));
        Poll.until("notifications' policy gone", Duration.ofMinutes(1),
                () -> client.network().v1().networkPolicies().inNamespace(tea).withName("tea-notifications").get() == null);
        assertThat(connects(tea, "orders", address, HTTP)).as("orders -> notifications' address once disabled").isFalse();

        Shops.apply(client, tea, teaWithNotifications(true));
        Poll.until("a notifications pod with an address", READY, () -> client.pods().inNamespace(tea)
                .withLabel("app.kubernetes.io/name", "notifications").list().getItems().stream()
                .anyMatch(p -> p.getStatus().getPodIP() != null && p.getMetadata().getDeletionTimestamp() == null));
        Pod again = pod(tea, "notifications");
        assertThat(connects(tea, "catalog", again.getStatus().getPodIP(), HTTP)).as("a non-caller, from its first moment").isFalse();
        Shops.awaitReady(client, tea, "tea", READY);
        assertThat(connects(tea, "orders", again.getStatus().getPodIP(), HTTP)).as("its caller, once ready").isTrue();
    }

    /** With an external Kafka, the services that use it reach its servers' port outside the shop, and no other does. */
    @Test
    @Order(8)
    void anExternalKafkasClientsReachItsServersPortAndNoOtherServiceDoes() throws Exception {
        String server = outsideServer.getStatus().getPodIP();
        assertThat(connects(tea, "orders", server, HTTP)).as("orders -> an outside address, before").isFalse();
        client.resource(Shops.externalKafkaSecret(tea, "tea-kafka", server + ":" + HTTP, "SASL_SSL",
                user -> "not-used")).create();
        Shops.apply(client, tea, tea(TestImages.standInShopImages(), "{mode: external, secretName: tea-kafka}"));
        Poll.until("tea's own broker and its policy to go", READY,
                () -> client.network().v1().networkPolicies().inNamespace(tea).withName("tea-broker").get() == null);
        // Both roll to new pods (their bootstrap servers changed) whose addresses the policy agent learns one by one.
        Poll.until("orders to reach the external Kafka's port", Duration.ofMinutes(1), () -> connects(tea, "orders", server, HTTP));
        Poll.until("catalog (a consumer) to reach the external Kafka's port", Duration.ofMinutes(1),
                () -> connects(tea, "catalog", server, HTTP));
        assertThat(connects(tea, "cart", server, HTTP)).as("cart -> the external Kafka's port").isFalse();
        assertThat(connects(tea, "payments", server, HTTP)).as("payments -> the external Kafka's port").isFalse();
    }

    private static boolean connects(String namespace, String fromService, String host, int port) {
        return Probe.connects(client, pod(namespace, fromService), host, port);
    }

    /** A Service's cluster IP: the probe image resolves no names but through nslookup. */
    private static String service(String namespace, String name) {
        return client.services().inNamespace(namespace).withName(name).get().getSpec().getClusterIP();
    }

    /** The address of the pod of one component (e.g. "payments-db"). */
    private static String address(String namespace, String component) {
        return pod(namespace, component).getStatus().getPodIP();
    }

    private static Pod pod(String namespace, String service) {
        return client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/name", service).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && p.getStatus().getPodIP() != null)
                .findFirst().orElseThrow(() -> new AssertionError("no running " + service + " pod in " + namespace));
    }

    /** Tea, a whole shop under NetworkPolicies, its events as {@code messaging} says. */
    private static String tea(String images, String messaging) {
        return """
                apiVersion: shopfleet.dev/v1alpha1
                kind: ShopPlatform
                metadata: {name: tea}
                spec:
                  images: {registry: "%s", tag: v1}
                  deletionPolicy: Delete
                  mesh: {mode: networkpolicy, ingressNamespace: traefik}
                  messaging: %s
                  services:
                    notifications: {env: [{name: SHOP_SMTP_PORT, value: "%d"}]}
                """.formatted(images, messaging, SMTP);
    }

    private static String teaWithNotifications(boolean enabled) {
        return """
                apiVersion: shopfleet.dev/v1alpha1
                kind: ShopPlatform
                metadata: {name: tea}
                spec:
                  services:
                    notifications: {enabled: %s}
                """.formatted(enabled);
    }

    private static Pod echoServer(String namespace) throws Exception {
        Pod pod = new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("echo").withNamespace(namespace).addToLabels("app", "echo").endMetadata()
                .withNewSpec()
                .withSecurityContext(TestCluster.restrictedPod(65532))
                .withTerminationGracePeriodSeconds(0L)
                .addNewContainer().withName("echo").withImage(TestImages.echo())
                .withSecurityContext(TestCluster.restrictedContainer()).endContainer()
                .endSpec()
                .build();
        client.resource(pod).create();
        Poll.until("the outside echo server ready", READY, () -> {
            var status = client.pods().inNamespace(namespace).withName("echo").get().getStatus();
            return status.getPodIP() != null && status.getContainerStatuses().stream().allMatch(s -> Boolean.TRUE.equals(s.getReady()));
        }, () -> TestCluster.describe(client, namespace));
        return client.pods().inNamespace(namespace).withName("echo").get();
    }

    /** These tests prove enforcement: on a cluster that does not enforce NetworkPolicies they fail, never skip. */
    private static void requireEnforcement() {
        var firewall = client.apps().daemonSets().inNamespace("kube-system").withName("kube-router").get();
        assertThat(firewall).as("kube-router (the local cluster's policy firewall) is not installed: bring the cluster up "
                + "without --no-netpol, or give a KUBECONFIG whose network plugin enforces NetworkPolicy").isNotNull();
        Poll.until("kube-router ready", Duration.ofMinutes(2), () -> client.apps().daemonSets().inNamespace("kube-system")
                .withName("kube-router").get().getStatus().getNumberReady() >= 1);
    }
}
