package dev.shopfleet.operator.shop;

import static dev.shopfleet.contract.ShopService.CATALOG;
import static dev.shopfleet.contract.ShopService.STOREFRONT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.DatabaseMode;
import dev.shopfleet.operator.api.RouteSpec;
import org.junit.jupiter.api.Test;

class ShopTest {
    @Test
    void aShopWithAnEmptySpecRunsEveryServiceWithAManagedDatabase() {
        Shop shop = TestShops.shop();
        assertThat(shop.enabledServices()).containsExactly(ShopService.values());
        assertThat(shop.databases(DatabaseMode.managed)).hasSize(7).doesNotContain(STOREFRONT);
        assertThat(shop.displayName()).isEqualTo("demo");
    }

    @Test
    void imagesComeFromTheOperatorDefaultsUnlessTheSpecSaysOtherwise() {
        assertThat(TestShops.shop().image(CATALOG)).isEqualTo("registry.test/shopfleet/catalog:1.0.0");
        Shop custom = TestShops.shop(r -> {
            r.getSpec().getImages().setRegistry("example.com/shop");
            r.getSpec().getImages().setTag("2.1");
            r.getSpec().getServices().getCart().setImage("example.com/cart@sha256:abc");
        });
        assertThat(custom.image(CATALOG)).isEqualTo("example.com/shop/catalog:2.1");
        assertThat(custom.image(ShopService.CART)).isEqualTo("example.com/cart@sha256:abc");
        assertThat(custom.labels(ShopService.CART, Shop.Component.service)).containsEntry(Shop.LABEL_VERSION, "sha256_abc");
    }

    @Test
    void namesAreDerivedFromTheShopAndService() {
        Shop shop = TestShops.shop();
        assertThat(shop.objectName(CATALOG)).isEqualTo("demo-catalog");
        assertThat(shop.databaseName(CATALOG)).isEqualTo("demo-catalog-db");
        assertThat(shop.databaseSecretName(CATALOG)).isEqualTo("demo-catalog-db");
        assertThat(shop.serviceUrl(CATALOG)).isEqualTo("http://demo-catalog:8080");
    }

    @Test
    void anExternalDatabaseUsesTheSecretItNames() {
        Shop shop = TestShops.shop(r -> {
            TestShops.externalDatabase(r, ShopService.CATALOG, "catalog-pg");
        });
        assertThat(shop.databaseSecretName(CATALOG)).isEqualTo("catalog-pg");
        assertThat(shop.databases(DatabaseMode.external)).containsExactly(CATALOG);
        assertThat(shop.databases(DatabaseMode.managed)).doesNotContain(CATALOG);
    }

    @Test
    void theStorefrontUrlIsTheRoutesHostOrTheInClusterAddress() {
        assertThat(TestShops.shop().storefrontUrl()).isEqualTo("http://demo-storefront.shops.svc:8080");
        Shop routed = TestShops.shop(r -> {
            RouteSpec route = new RouteSpec();
            route.setHost("shop.example.com");
            route.setTlsSecretName("shop-tls");
            r.getSpec().setRoute(route);
        });
        assertThat(routed.storefrontUrl()).isEqualTo("https://shop.example.com/");
    }

    @Test
    void disabledServicesAreNotPartOfTheShop() {
        Shop shop = TestShops.shop(r -> r.getSpec().getServices().getNotifications().setEnabled(false));
        assertThat(shop.enabledServices()).doesNotContain(ShopService.NOTIFICATIONS).hasSize(7);
        assertThat(shop.databases(DatabaseMode.managed)).doesNotContain(ShopService.NOTIFICATIONS);
    }
}
