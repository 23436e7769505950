package dev.shopfleet.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.TracingSpec;
import dev.shopfleet.operator.shop.Capabilities;
import dev.shopfleet.operator.shop.OperatorDefaults;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.TestShops;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a shop's spans go: the shop's collector or the operator's, told to every service and let through its policy. */
class TracingTest {
    private static final TracingSpec COLLECTOR = new TracingSpec("http://collector.tracing.svc:4318", "tracing");

    @Test
    void withoutACollectorNoServiceIsToldOneAndNoTrafficGoesThere() {
        Shop shop = TestShops.shop();
        for (ShopService service : shop.enabledServices()) {
            assertThat(env(shop, service)).extracting(EnvVar::getName).doesNotContain(ShopContract.ENV_OTLP_ENDPOINT);
        }
        assertThat(NetworkPoliciesDependent.policies(shop)).allSatisfy(p -> assertThat(egressTo(p, "tracing")).isEmpty());
    }

    @Test
    void theShopsCollectorIsToldToEveryServiceAndOnlyItsNamespaceAndPortAreLetThrough() {
        Shop shop = TestShops.shop(r -> r.getSpec().setTracing(COLLECTOR));
        for (ShopService service : shop.enabledServices()) {
            assertThat(env(shop, service)).as(service.id()).contains(new EnvVar(ShopContract.ENV_OTLP_ENDPOINT,
                    "http://collector.tracing.svc:4318", null));
        }
        List<NetworkPolicy> services = NetworkPoliciesDependent.policies(shop).stream()
                .filter(p -> shop.enabledServices().stream().anyMatch(s -> p.getMetadata().getName().equals(shop.objectName(s))))
                .toList();
        assertThat(services).hasSize(shop.enabledServices().size()).allSatisfy(p -> assertThat(egressTo(p, "tracing"))
                .singleElement().satisfies(rule -> assertThat(rule.getPorts()).singleElement()
                        .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(4318))));
    }

    @Test
    void aShopWithoutItsOwnCollectorGetsTheOperatorsAndAPortFollowsTheScheme() {
        OperatorDefaults defaults = new OperatorDefaults("registry.test/shopfleet", "1.0.0", "registry.test/postgres:15",
                Optional.empty(), Optional.of(new TracingSpec("https://otel.observability", "observability")));
        Shop shop = new Shop(TestShops.shop().resource(), defaults, Capabilities.NONE);
        assertThat(env(shop, ShopService.ORDERS)).contains(new EnvVar(ShopContract.ENV_OTLP_ENDPOINT, "https://otel.observability", null));
        assertThat(shop.tracing().orElseThrow().port()).isEqualTo(443);
        Shop own = new Shop(TestShops.shop(r -> r.getSpec().setTracing(COLLECTOR)).resource(), defaults, Capabilities.NONE);
        assertThat(own.tracing()).contains(COLLECTOR);
    }

    private static List<EnvVar> env(Shop shop, ShopService service) {
        return DeploymentsDependent.desired(shop, service).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    }

    private static List<NetworkPolicyEgressRule> egressTo(NetworkPolicy policy, String namespace) {
        return policy.getSpec().getEgress().stream().filter(rule -> rule.getTo() != null && rule.getTo().stream()
                .anyMatch(peer -> peer.getNamespaceSelector() != null && namespace.equals(peer.getNamespaceSelector()
                        .getMatchLabels().get("kubernetes.io/metadata.name")))).toList();
    }
}
