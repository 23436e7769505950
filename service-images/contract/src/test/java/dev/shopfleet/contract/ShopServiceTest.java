package dev.shopfleet.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopServiceTest {
    @Test
    void theCallGraphIsTheShopsAsDocumented() {
        assertThat(ShopService.STOREFRONT.calls()).containsExactlyInAnyOrder(
                ShopService.CATALOG, ShopService.CART, ShopService.USERS, ShopService.ORDERS);
        assertThat(ShopService.ORDERS.calls()).containsExactlyInAnyOrder(ShopService.USERS, ShopService.INVENTORY,
                ShopService.PAYMENTS, ShopService.CART, ShopService.NOTIFICATIONS);
        assertThat(ShopService.CART.calls()).containsExactlyInAnyOrder(ShopService.CATALOG, ShopService.USERS);
        assertThat(ShopService.USERS.callers()).containsExactlyInAnyOrder(ShopService.STOREFRONT, ShopService.CATALOG,
                ShopService.CART, ShopService.INVENTORY, ShopService.ORDERS);
        assertThat(ShopService.PAYMENTS.calls()).isEmpty();
        assertThat(ShopService.CATALOG.callers()).containsExactlyInAnyOrder(ShopService.STOREFRONT, ShopService.CART);
    }

    @Test
    void requiredCallsAreCallsAndTheGraphHasNoCycle() {
        for (ShopService service : ShopService.values()) {
            assertThat(service.calls()).containsAll(service.requires());
            assertThat(reachable(service)).as("%s calls itself through others", service).doesNotContain(service);
        }
    }

    @Test
    void onlyTheStorefrontHasNoDatabase() {
        assertThat(EnumSet.allOf(ShopService.class).stream().filter(s -> !s.ownsDatabase()))
                .containsExactly(ShopService.STOREFRONT);
    }

    @Test
    void eachTraitBelongsToTheServiceThatHasIt() {
        assertThat(EnumSet.allOf(ShopService.class).stream().filter(ShopService::isGateway)).containsExactly(ShopService.STOREFRONT);
        assertThat(EnumSet.allOf(ShopService.class).stream().filter(ShopService::sendsMail)).containsExactly(ShopService.NOTIFICATIONS);
        assertThat(EnumSet.allOf(ShopService.class).stream().filter(ShopService::issuesTokens)).containsExactly(ShopService.USERS);
        assertThat(ShopService.ORDERS.readTimeout()).isGreaterThan(ShopService.CATALOG.readTimeout());
    }

    @Test
    void aWholeShopStartsEachServiceAfterEveryServiceItCalls() {
        var order = ShopService.calleesFirst();
        assertThat(order).containsExactlyInAnyOrder(ShopService.values());
        for (ShopService service : order) {
            for (ShopService callee : service.calls()) {
                assertThat(order.indexOf(callee)).as("%s before %s", callee, service).isLessThan(order.indexOf(service));
            }
        }
    }

    @Test
    void idsRoundTripAndNameTheUrlVariables() {
        assertThat(ShopService.fromId("catalog")).isEqualTo(ShopService.CATALOG);
        assertThat(ShopContract.urlVariable(ShopService.CATALOG)).isEqualTo("SHOP_CATALOG_URL");
    }

    private static Set<ShopService> reachable(ShopService from) {
        Set<ShopService> seen = EnumSet.noneOf(ShopService.class);
        var todo = new java.util.ArrayDeque<>(from.calls());
        while (!todo.isEmpty()) {
            ShopService next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(next.calls());
            }
        }
        return seen;
    }
}
