package dev.shopfleet.journey;

import static dev.shopfleet.testkit.JsonAssert.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.Poll;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A shopper's journey through the storefront only, with the five services as real processes. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopJourneyTest {
    private static LocalShop shop;
    private static Http storefront;

    @BeforeAll
    static void start() {
        shop = LocalShop.start("journey", "Journey Coffee");
        storefront = new Http(shop.storefrontUrl());
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    @Order(1)
    void registerBrowseSearchAddToCartAndViewTheCartThroughTheStorefront() {
        assertThat(storefront.post("/api/users", "{\"email\":\"kim@shop.test\",\"password\":\"kim's password\",\"name\":\"Kim\"}")
                .statusCode()).isEqualTo(202);
        HttpResponse<String> login = storefront.post("/api/login", "{\"email\":\"kim@shop.test\",\"password\":\"kim's password\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        Matcher token = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(login.body());
        assertThat(token.find()).isTrue();
        String kim = Http.bearer(token.group(1));

        assertThat(storefront.get("/api/categories").body()).contains("Brewing gear");
        assertThatJson(storefront.get("/api/products?category=tea").body()).has("total", 3);
        assertThatJson(storefront.get("/api/products?q=espresso").body()).containsText("COF-ESP-250").has("total", 1);

        assertThat(storefront.post("/api/cart/lines", "{\"sku\":\"COF-ESP-250\",\"quantity\":2}", "Authorization", kim).statusCode())
                .isEqualTo(200);
        String cart = storefront.get("/api/cart", "Authorization", kim).body();
        assertThatJson(cart).containsText("Espresso Roast").has("itemCount", 2).has("totalMinor", 2580);
        assertThatJson(storefront.get("/api/users/me", "Authorization", kim).body()).has("name", "Kim");

        String home = storefront.get("/").body();
        assertThat(home).contains("Journey Coffee").contains("Espresso Roast").contains("theme-ocean");
    }

    @Test
    @Order(2)
    void theGatewayOnlyRoutesThePublicApi() {
        for (String path : new String[] {"/api/reservations/x", "/api/stock/COF-ESP-250", "/api/keys", "/api/nothing"}) {
            HttpResponse<String> r = storefront.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        }
        assertThat(storefront.get("/api/products?size=500").statusCode()).as("the service's own 400 comes through").isEqualTo(400);
    }

    @Test
    @Order(3)
    void withCartDeadBrowsingStillWorksAndThePageSaysWhatIsUnavailable() {
        shop.get(ShopService.CART).kill();
        String visitorWithCart = "shop_cart=" + UUID.randomUUID(); // a visitor without one costs cart nothing
        HttpResponse<String> home = storefront.get("/", "Cookie", visitorWithCart);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Espresso Roast").contains("The cart is unavailable right now");
        assertThat(storefront.get("/products/TEA-EAR-100").statusCode()).isEqualTo(200);
        assertThat(storefront.get("/api/products?q=tea").statusCode()).isEqualTo(200);
        HttpResponse<String> cartApi = storefront.get("/api/cart", "X-Cart-Id", "6f1c1a52-9d0e-4c59-9a0c-0d6f9f1f0a11");
        assertThat(cartApi.statusCode()).isEqualTo(503);
        assertThat(cartApi.body()).contains("cart is unavailable");

        shop.restart(ShopService.CART);
        // the breaker closes again after its reset time
        Poll.until("the cart back on the home page", Duration.ofSeconds(30),
                () -> !storefront.get("/", "Cookie", visitorWithCart).body().contains("The cart is unavailable"));
        assertThat(storefront.get("/", "Cookie", visitorWithCart).body()).doesNotContain("The cart is unavailable");
    }

    @Test
    @Order(4)
    void withCatalogDeadTheStorefrontShowsAClearErrorPage() {
        shop.get(ShopService.CATALOG).kill();
        HttpResponse<String> home = storefront.get("/?q=never+searched"); // listings asked before are kept for seconds
        assertThat(home.statusCode()).isEqualTo(503);
        assertThat(home.body()).contains("The catalogue is unavailable").doesNotContain("Exception").doesNotContain("at io.micronaut");
        assertThat(home.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
        shop.restart(ShopService.CATALOG);
    }
}
