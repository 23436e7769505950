package dev.shopfleet.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ShopTopicTest {
    @Test
    void aShopExchangesEventsOnlyWhereAProducerAndOneOfItsConsumersRun() {
        assertThat(ShopTopic.clients(EnumSet.allOf(ShopService.class))).as("a whole shop").isEqualTo(ShopTopic.clients())
                .containsExactlyInAnyOrder(ShopService.ORDERS, ShopService.NOTIFICATIONS, ShopService.CATALOG);
        assertThat(ShopTopic.clients(EnumSet.of(ShopService.STOREFRONT, ShopService.CATALOG))).as("nothing to read").isEmpty();
        assertThat(ShopTopic.clients(EnumSet.of(ShopService.ORDERS, ShopService.USERS))).as("no one to read").isEmpty();
        assertThat(ShopTopic.clients(EnumSet.of(ShopService.NOTIFICATIONS))).as("its dead letters alone").isEmpty();
        assertThat(ShopTopic.clients(EnumSet.of(ShopService.ORDERS, ShopService.CATALOG)))
                .containsExactlyInAnyOrder(ShopService.ORDERS, ShopService.CATALOG);
    }

    @Test
    void everyEventTypeHasItsSchemaNamingItsTypeAndVersion() {
        for (OrderEventType type : OrderEventType.values()) {
            assertThat(type.schema()).contains("\"const\": \"" + type.typeName() + "\"")
                    .contains("\"version\": {\n      \"const\": " + type.version());
            assertThat(OrderEventType.of(type.typeName(), type.version())).contains(type);
        }
        assertThat(OrderEventType.of("OrderPlaced", 2)).as("a version this contract does not know").isEmpty();
    }
}
