package dev.shopfleet.cart;

import static dev.shopfleet.testkit.JsonAssert.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.Poll;
import dev.shopfleet.testkit.PostgresServer;
import dev.shopfleet.testkit.ServiceProcess;
import dev.shopfleet.testkit.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cart and the real catalog, as processes on a real PostgreSQL. */
class CartServiceTest {
    private static TestTokens tokens;
    private static ServiceProcess catalog;
    private static ServiceProcess cart;
    private static Http http;

    @BeforeAll
    static void start() {
        tokens = new TestTokens();
        PostgresServer pg = PostgresServer.shared();
        catalog = ServiceProcess.start(ShopService.CATALOG,
                ServiceProcess.merge(List.of(pg.createDatabase("cart_test_catalog").env(), tokens.env())));
        cart = ServiceProcess.start(ShopService.CART,
                ServiceProcess.merge(List.of(pg.createDatabase("cart_test").env(), tokens.env(), catalog.urlEnv())));
        http = cart.http();
    }

    @AfterAll
    static void stop() {
        cart.close();
        catalog.close();
        tokens.close();
    }

    private static String[] anon(String id) {
        return new String[] {"X-Cart-Id", id};
    }

    @Test
    void aVisitorFillsACartAtCatalogsPrices() {
        String visitor = UUID.randomUUID().toString();
        assertThat(http.post("/cart/lines", "{\"sku\":\"TEA-EAR-100\",\"quantity\":2}", anon(visitor)).statusCode()).isEqualTo(200);
        http.post("/cart/lines", "{\"sku\":\"TEA-EAR-100\",\"quantity\":1}", anon(visitor));
        String body = http.post("/cart/lines", "{\"sku\":\"MUG-STO-350\",\"quantity\":1}", anon(visitor)).body();
        assertThatJson(body).has("itemCount", 4).has("totalMinor", 4170).has("unitPriceMinor", 790);
        assertThatJson(http.put("/cart/lines/TEA-EAR-100", "{\"quantity\":1}", anon(visitor)).body()).has("itemCount", 2);
        assertThatJson(http.delete("/cart/lines/MUG-STO-350", anon(visitor)).body()).has("itemCount", 1);
        assertThatJson(http.get("/cart", anon(UUID.randomUUID().toString())).body()).as("another visitor's cart").has("itemCount", 0);
    }

    @Test
    void badRequestsAreProblems() {
        String visitor = UUID.randomUUID().toString();
        HttpResponse<String> unknown = http.post("/cart/lines", "{\"sku\":\"NOPE-1\",\"quantity\":1}", anon(visitor));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("no product with SKU NOPE-1");
        assertThat(http.post("/cart/lines", "{\"sku\":\"TEA-EAR-100\",\"quantity\":0}", anon(visitor)).statusCode()).isEqualTo(400);
        assertThat(http.post("/cart/lines", "{\"sku\":\"TEA-EAR-100\",\"quantity\":100}", anon(visitor)).statusCode()).isEqualTo(400);
        HttpResponse<String> nobody = http.get("/cart");
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(nobody.body()).contains("X-Cart-Id");
        assertThat(http.put("/cart/lines/TEA-SEN-100", "{\"quantity\":2}", anon(visitor)).statusCode()).isEqualTo(404);
    }

    @Test
    void loggingInMergesTheAnonymousCart() {
        String visitor = UUID.randomUUID().toString();
        http.post("/cart/lines", "{\"sku\":\"COF-ESP-250\",\"quantity\":1}", anon(visitor));
        String shopper = Http.bearer(tokens.token(UUID.randomUUID().toString(), List.of()));
        http.post("/cart/lines", "{\"sku\":\"COF-ESP-250\",\"quantity\":2}", "Authorization", shopper);
        HttpResponse<String> merged = http.post("/cart/merge", "{\"anonymousCartId\":\"" + visitor + "\"}", "Authorization", shopper);
        assertThat(merged.statusCode()).isEqualTo(200);
        assertThatJson(merged.body()).has("quantity", 3);
        assertThatJson(http.get("/cart", anon(visitor)).body()).as("the anonymous cart is gone").has("itemCount", 0);
        assertThat(http.post("/cart/merge", "{\"anonymousCartId\":\"" + visitor + "\"}").statusCode()).isEqualTo(401);
    }

    /** Its verification is remembered (VerifiedShopperTokens), but not past its expiry. */
    @Test
    void aShoppersTokenIsRefusedOnceItHasExpired() {
        String shopper = Http.bearer(tokens.token(UUID.randomUUID().toString(), List.of(), Duration.ofSeconds(3)));
        assertThat(merge(shopper)).isEqualTo(200);
        assertThat(merge(shopper)).as("asked again").isEqualTo(200);
        Poll.until("the expired token to be refused", Duration.ofSeconds(30), () -> merge(shopper) == 401);
    }

    /** Only a signed-in shopper merges a cart: 401 for anyone else (merging a cart that does not exist changes nothing). */
    private static int merge(String shopper) {
        return http.post("/cart/merge", "{\"anonymousCartId\":\"" + UUID.randomUUID() + "\"}", "Authorization", shopper).statusCode();
    }

    @Test
    void pricesAreCheckedAgainBeforeCheckout() {
        String visitor = UUID.randomUUID().toString();
        http.post("/cart/lines", "{\"sku\":\"BRW-KET-10\",\"quantity\":1}", anon(visitor));
        String admin = Http.bearer(tokens.token("admin", List.of("admin")));
        assertThat(catalog.http().put("/products/BRW-KET-10", """
                {"name":"Gooseneck Kettle","category":"brewing","priceMinor":4900,"currency":"EUR"}""", "Authorization", admin)
                .statusCode()).isEqualTo(200);
        String check = http.post("/cart/check", "", anon(visitor)).body();
        assertThatJson(check).has("oldUnitPriceMinor", 4500, "newUnitPriceMinor", 4900).has("totalMinor", 4900);
    }
}
