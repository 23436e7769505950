package dev.shopfleet.operator.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.operator.api.GatewayReference;
import dev.shopfleet.operator.api.RouteSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteRefusalTest {
    private static final Capabilities TRAEFIK_DEFAULT = new Capabilities(false, false, Optional.of("traefik"), Optional.empty());

    @Test
    void theDefaultClassIsAllowedByNameOrByOmissionAndNothingElseUnlessListed() {
        assertThat(RouteRefusal.of(routed(null, TRAEFIK_DEFAULT), Optional.empty())).isEmpty();
        assertThat(RouteRefusal.of(routed("traefik", TRAEFIK_DEFAULT), Optional.empty())).isEmpty();
        Optional<RouteRefusal> other = RouteRefusal.of(routed("internal-lb", TRAEFIK_DEFAULT), Optional.empty());
        assertThat(other).map(RouteRefusal::reason).contains("IngressClassNotAllowed");
        assertThat(other.orElseThrow().message()).contains("internal-lb", "traefik");
        assertThat(RouteRefusal.of(routed("internal-lb", TRAEFIK_DEFAULT), Optional.of(List.of("traefik", "internal-lb")))).isEmpty();
        assertThat(RouteRefusal.of(routed("traefik", TRAEFIK_DEFAULT), Optional.of(List.of("internal-lb"))))
                .as("an allow-list replaces the default").isPresent();
    }

    @Test
    void aGatewayNeedsTheGatewayApi() {
        Shop viaGateway = TestShops.shop(r -> {
            RouteSpec route = new RouteSpec();
            route.setHost("tea.shop.test");
            GatewayReference gateway = new GatewayReference();
            gateway.setName("public");
            route.setGateway(gateway);
            r.getSpec().setRoute(route);
        });
        assertThat(RouteRefusal.of(viaGateway, Optional.empty())).map(RouteRefusal::reason).contains("GatewayApiUnavailable");
        Shop withGatewayApi = new Shop(viaGateway.resource(), TestShops.DEFAULTS, new Capabilities(false, true, Optional.empty(), Optional.empty()));
        assertThat(RouteRefusal.of(withGatewayApi, Optional.empty())).isEmpty();
    }

    private static Shop routed(String ingressClass, Capabilities capabilities) {
        return TestShops.shop(r -> {
            RouteSpec route = new RouteSpec();
            route.setHost("tea.shop.test");
            route.setIngressClassName(ingressClass);
            r.getSpec().setRoute(route);
        }, capabilities);
    }
}
