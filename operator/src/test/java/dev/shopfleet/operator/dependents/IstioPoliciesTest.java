package dev.shopfleet.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.MeshMode;
import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.TestShops;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode;
import io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicyAction;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLSMode;
import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The call graph in Istio's terms: identities instead of pod selectors, mutual TLS, circuit breaking. */
class IstioPoliciesTest {
    private final Shop shop = onIstio(r -> { });

    @Test
    void everyWorkloadOfTheShopTalksStrictMutualTls() {
        assertThat(IstioPolicies.peerAuthentications(shop)).singleElement().satisfies(pa -> {
            assertThat(pa.getMetadata().getName()).isEqualTo("demo-mtls");
            assertThat(pa.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("shopfleet.dev/shop", "demo"));
            assertThat(pa.getSpec().getMtls().getMode()).isEqualTo(PeerAuthenticationMutualTLSMode.STRICT);
        });
    }

    @Test
    void everythingIsDeniedButEachServicesCallersByIdentity() {
        Map<String, AuthorizationPolicy> policies = byName(IstioPolicies.authorizationPolicies(shop));
        assertThat(policies).hasSize(1 + 8 + 7 + 1);
        AuthorizationPolicy nothing = policies.get("demo-allow-nothing");
        assertThat(nothing.getSpec().getAction()).isEqualTo(AuthorizationPolicyAction.ALLOW);
        assertThat(nothing.getSpec().getRules()).as("an ALLOW policy without rules allows nothing").isEmpty();
        assertThat(nothing.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("shopfleet.dev/shop", "demo"));

        assertThat(principals(policies.get("demo-payments"))).containsExactly("cluster.local/ns/shops/sa/demo-orders");
        assertThat(ports(policies.get("demo-payments"))).containsExactly("8080");
        assertThat(principals(policies.get("demo-cart"))).containsExactlyInAnyOrder(
                "cluster.local/ns/shops/sa/demo-storefront", "cluster.local/ns/shops/sa/demo-orders");
        assertThat(principals(policies.get("demo-storefront")))
                .containsExactly("cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account");
        for (ShopService service : ShopService.values()) {
            if (service.ownsDatabase()) {
                AuthorizationPolicy db = policies.get("demo-" + service.id() + "-db");
                assertThat(principals(db)).as(service.id()).containsExactly("cluster.local/ns/shops/sa/demo-" + service.id());
                assertThat(ports(db)).containsExactly("5432");
            }
        }
        assertThat(principals(policies.get("demo-broker"))).as("who writes or reads its topics, no one else")
                .containsExactlyInAnyOrder("cluster.local/ns/shops/sa/demo-orders", "cluster.local/ns/shops/sa/demo-notifications",
                        "cluster.local/ns/shops/sa/demo-catalog");
        assertThat(ports(policies.get("demo-broker"))).containsExactly("9092");
    }

    @Test
    void theIngressGatewayAndMonitoringAreConfigurableAndDisabledServicesLoseTheirEdges() {
        Map<String, AuthorizationPolicy> policies = byName(IstioPolicies.authorizationPolicies(onIstio(r -> {
            r.getSpec().getMesh().setIngressGatewayPrincipal("cluster.local/ns/edge/sa/gateway");
            r.getSpec().getMesh().setMonitoringNamespace("monitoring");
            r.getSpec().getServices().getStorefront().setEnabled(false);
        })));
        assertThat(policies).doesNotContainKey("demo-storefront");
        assertThat(principals(policies.get("demo-orders"))).as("only the storefront called orders").isEmpty();
        assertThat(policies.get("demo-orders").getSpec().getRules()).singleElement().satisfies(metrics -> {
            assertThat(metrics.getFrom().get(0).getSource().getNamespaces()).containsExactly("monitoring");
            assertThat(metrics.getTo().get(0).getOperation().getPaths()).containsExactly("/prometheus");
        });
        assertThat(principals(byName(IstioPolicies.authorizationPolicies(onIstio(r -> r.getSpec().getMesh()
                .setIngressGatewayPrincipal("cluster.local/ns/edge/sa/gateway")))).get("demo-storefront")))
                .containsExactly("cluster.local/ns/edge/sa/gateway");
    }

    @Test
    void eachServiceGetsConnectionLimitsOutlierDetectionAndIstioMutualTls() {
        var rules = IstioPolicies.destinationRules(shop);
        assertThat(rules).hasSize(8);
        assertThat(rules).filteredOn(r -> r.getMetadata().getName().equals("demo-catalog")).singleElement().satisfies(dr -> {
            assertThat(dr.getSpec().getHost()).isEqualTo("demo-catalog.shops.svc.cluster.local");
            assertThat(dr.getSpec().getTrafficPolicy().getTls().getMode()).isEqualTo(ClientTLSSettingsTLSmode.ISTIO_MUTUAL);
            assertThat(dr.getSpec().getTrafficPolicy().getConnectionPool().getTcp().getMaxConnections()).isPositive();
            assertThat(dr.getSpec().getTrafficPolicy().getOutlierDetection().getConsecutive5xxErrors()).isEqualTo(5);
        });
    }

    @Test
    void oneModeAtATimeAndOnlyIstioPodsAskForTheSidecar() {
        assertThat(NetworkPoliciesDependent.policies(shop)).as("no NetworkPolicies under Istio").isEmpty();
        Shop withoutIstio = TestShops.shop();
        assertThat(IstioPolicies.authorizationPolicies(withoutIstio)).isEmpty();
        assertThat(IstioPolicies.peerAuthentications(withoutIstio)).isEmpty();
        assertThat(IstioPolicies.destinationRules(withoutIstio)).isEmpty();
        assertThat(shop.podLabels(ShopService.CART, Shop.Component.service)).containsEntry("sidecar.istio.io/inject", "true");
        assertThat(withoutIstio.podLabels(ShopService.CART, Shop.Component.service)).doesNotContainKey("sidecar.istio.io/inject");
        Shop forcedNetworkPolicy = onIstio(r -> r.getSpec().getMesh().setMode(MeshMode.networkpolicy));
        assertThat(IstioPolicies.authorizationPolicies(forcedNetworkPolicy)).isEmpty();
        assertThat(NetworkPoliciesDependent.policies(forcedNetworkPolicy)).isNotEmpty();
    }

    private static Shop onIstio(Consumer<ShopPlatform> customize) {
        return TestShops.onIstio(TestShops.shop(customize));
    }

    private static Map<String, AuthorizationPolicy> byName(List<AuthorizationPolicy> policies) {
        return policies.stream().collect(Collectors.toMap(p -> p.getMetadata().getName(), Function.identity()));
    }

    private static List<String> principals(AuthorizationPolicy policy) {
        return policy.getSpec().getRules().stream().flatMap(r -> r.getFrom().stream())
                .filter(f -> f.getSource().getPrincipals() != null).flatMap(f -> f.getSource().getPrincipals().stream()).toList();
    }

    private static List<String> ports(AuthorizationPolicy policy) {
        return policy.getSpec().getRules().stream().map(Rule::getTo).flatMap(List::stream)
                .flatMap(t -> t.getOperation().getPorts().stream()).distinct().toList();
    }
}
