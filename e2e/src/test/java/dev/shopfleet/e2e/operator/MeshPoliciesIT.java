package dev.shopfleet.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.e2e.AuditLog;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import dev.shopfleet.testkit.Poll;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Mesh mode auto on the real API server: NetworkPolicies while the cluster has no Istio; Istio's policies, accepted
 * by Istio's real CRD schemas (istio.io/api's customresourcedefinitions.gen.yaml, installed by e2e/cluster/cluster
 * crds istio), once it has; NetworkPolicies again when Istio goes. Mode istio without Istio starts nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeshPoliciesIT {
    private static final Duration SWITCH = Duration.ofMinutes(3); // the operator looks for Istio every 30 s
    private static KubernetesClient client;
    private static String namespace;
    private static String images;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        SharedOperator.get();
        images = TestImages.standInShopImages();
        ThirdPartyCrds.remove(ThirdPartyCrds.ISTIO);
        namespace = TestCluster.createNamespace(client, "mesh");
    }

    @AfterAll
    static void tearDown() throws Exception {
        ThirdPartyCrds.remove(ThirdPartyCrds.ISTIO);
        TestCluster.tearDown(client, namespace);
    }

    @Test
    @Order(1)
    void withoutIstioAutoAppliesNetworkPolicies() {
        Shops.apply(client, namespace, MinimalShops.yaml("auto", images, "{}", ""));
        Shops.awaitReady(client, namespace, "auto", Duration.ofMinutes(3));
        assertThat(names(NetworkPolicy.class)).containsExactlyInAnyOrder("auto-default-deny", "auto-storefront", "auto-catalog",
                "auto-catalog-db");
        assertThat(Shops.hasCondition(client, namespace, "auto", "MeshPolicyApplied", "True", "NetworkPolicy")).isTrue();
    }

    @Test
    @Order(2)
    void aServiceAddedLaterHasItsPoliciesBeforeItsPodsAndDatabase() {
        Instant since = Instant.now();
        Shops.apply(client, namespace, """
                apiVersion: shopfleet.dev/v1alpha1
                kind: ShopPlatform
                metadata: {name: auto}
                spec:
                  images: {registry: "%s", tag: v1}
                  services:
                    cart: {enabled: false}
                    orders: {enabled: false}
                    payments: {enabled: false}
                    inventory: {enabled: false}
                    notifications: {enabled: false}
                """.formatted(images));
        Shops.awaitReady(client, namespace, "auto", Duration.ofMinutes(3));
        List<String> writes = AuditLog.writesBy(OperatorProcess.USER, namespace, since);
        int policy = firstWrite(writes, "networkpolicies", "auto-users");
        int databasePolicy = firstWrite(writes, "networkpolicies", "auto-users-db");
        assertThat(policy).as("users' NetworkPolicy was written: %s", writes).isNotNegative();
        int deployment = firstWrite(writes, "deployments", "auto-users");
        int database = firstWrite(writes, "statefulsets", "auto-users-db");
        assertThat(deployment).as("users' Deployment was written").isLessThan(writes.size());
        assertThat(database).as("users' database was written").isLessThan(writes.size());
        assertThat(policy).as("before users' Deployment: %s", writes).isLessThan(deployment);
        assertThat(databasePolicy).as("before its database: %s", writes).isNotNegative().isLessThan(database);
        assertThat(client.network().v1().networkPolicies().inNamespace(namespace).withName("auto-catalog").get().getSpec()
                .getEgress()).as("catalog may now call users (for its keys)").anySatisfy(rule -> assertThat(rule.getTo())
                        .anySatisfy(p -> assertThat(p.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "users")));
    }

    @Test
    @Order(3)
    void modeIstioWithoutIstioStartsNothingAndSaysWhy() {
        Shops.apply(client, namespace, MinimalShops.yaml("strict", images, "{}", "mesh: {mode: istio}"));
        Shops.awaitCondition(client, namespace, "strict", "MeshPolicyApplied", "False", "IstioNotInstalled", Duration.ofMinutes(1));
        assertThat(client.apps().deployments().inNamespace(namespace).withName("strict-catalog").get())
                .as("no pod runs without its policy").isNull();
    }

    @Test
    @Order(4)
    void onceIstioIsInstalledTheShopsGetIstiosPoliciesInsteadAndPodsAskForTheSidecar() throws Exception {
        ThirdPartyCrds.install(ThirdPartyCrds.ISTIO);
        Poll.until("Istio's policies for the auto shop", SWITCH,
                () -> Shops.hasCondition(client, namespace, "auto", "MeshPolicyApplied", "True", "Istio"),
                () -> Shops.describe(client, namespace, "auto"));
        assertThat(names(PeerAuthentication.class)).contains("auto-mtls");
        assertThat(names(AuthorizationPolicy.class)).contains("auto-allow-nothing", "auto-storefront", "auto-catalog",
                "auto-catalog-db");
        assertThat(names(DestinationRule.class)).contains("auto-storefront", "auto-catalog");
        Poll.until("the NetworkPolicies to go", SWITCH, () -> names(NetworkPolicy.class).stream().noneMatch(n -> n.startsWith("auto-")));
        AuthorizationPolicy catalog = client.resources(AuthorizationPolicy.class).inNamespace(namespace).withName("auto-catalog").get();
        assertThat(catalog.getSpec().getRules()).singleElement().satisfies(rule -> assertThat(rule.getFrom().get(0).getSource()
                .getPrincipals()).containsExactly("cluster.local/ns/" + namespace + "/sa/auto-storefront"));
        Poll.until("catalog's pods to ask for Istio's sidecar", SWITCH, () -> "true".equals(client.apps().deployments()
                .inNamespace(namespace).withName("auto-catalog").get().getSpec().getTemplate().getMetadata().getLabels()
                .get("sidecar.istio.io/inject")));

        Poll.until("the istio-mode shop to start", SWITCH,
                () -> Shops.hasCondition(client, namespace, "strict", "MeshPolicyApplied", "True", "Istio"),
                () -> Shops.describe(client, namespace, "strict"));
        Shops.awaitReady(client, namespace, "strict", Duration.ofMinutes(3));
    }

    @Test
    @Order(5)
    void whenIstioGoesAutoFallsBackToNetworkPolicies() throws Exception {
        ThirdPartyCrds.remove(ThirdPartyCrds.ISTIO);
        Poll.until("NetworkPolicies again", SWITCH,
                () -> Shops.hasCondition(client, namespace, "auto", "MeshPolicyApplied", "True", "NetworkPolicy"),
                () -> Shops.describe(client, namespace, "auto"));
        assertThat(names(NetworkPolicy.class)).contains("auto-default-deny", "auto-catalog");
        Poll.until("catalog's pods without the sidecar request", SWITCH, () -> !client.apps().deployments()
                .inNamespace(namespace).withName("auto-catalog").get().getSpec().getTemplate().getMetadata().getLabels()
                .containsKey("sidecar.istio.io/inject"));
        Shops.awaitReady(client, namespace, "auto", Duration.ofMinutes(3));
        assertThat(client.apps().deployments().inNamespace(namespace).list().getItems()).extracting(Deployment::getMetadata)
                .isNotEmpty();
    }

    /** Where the first write of that object is in the audit log's writes, or an index past them all. */
    private static int firstWrite(List<String> writes, String resource, String name) {
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i).matches("\\w+ " + resource + " [^/]+/" + name)) {
                return i;
            }
        }
        return resource.equals("networkpolicies") ? -1 : writes.size();
    }

    private static List<String> names(Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> kind) {
        return client.resources(kind).inNamespace(namespace).list().getItems().stream().map(o -> o.getMetadata().getName()).toList();
    }
}
