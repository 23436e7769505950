package dev.shopfleet.catalog;

import static dev.shopfleet.testkit.JsonAssert.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.JsonAssert;
import dev.shopfleet.testkit.PostgresServer;
import dev.shopfleet.testkit.ServiceProcess;
import dev.shopfleet.testkit.TestTokens;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** catalog as a real process on a real PostgreSQL, migrated from scratch. */
class CatalogServiceTest {
    private static PostgresServer.Database db;
    private static TestTokens tokens;
    private static ServiceProcess catalog;
    private static Http http;

    @BeforeAll
    static void start() {
        db = PostgresServer.shared().createDatabase("catalog_test");
        tokens = new TestTokens();
        catalog = ServiceProcess.start(ShopService.CATALOG, ServiceProcess.merge(List.of(db.env(), tokens.env())));
        http = catalog.http();
    }

    @AfterAll
    static void stop() {
        catalog.close();
        tokens.close();
    }

    @Test
    void aNewShopHasTheDemoCatalogue() {
        HttpResponse<String> page = http.get("/products?size=100");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThatJson(page.body()).has("total", 12).containsText("COF-ESP-250").has("priceMinor", 1290);
        assertThatJson(http.get("/categories").body()).has("slug", "coffee").containsText("Brewing gear");
    }

    @Test
    void searchFiltersByTextAndCategoryAndPagesInTheAskedOrder() {
        assertThat(http.get("/products?q=tea").body()).contains("TEA-SEN-100").contains("TEA-EAR-100").doesNotContain("COF-ESP-250");
        String coffeeByPrice = http.get("/products?category=coffee&sort=price&size=2&page=0").body();
        assertThatJson(coffeeByPrice).has("total", 4).has("totalPages", 2);
        assertThat(coffeeByPrice.indexOf("COF-ESP-250")).isLessThan(coffeeByPrice.indexOf("COF-DEC-250"));
        assertThat(http.get("/products?category=coffee&sort=-price&size=1").body()).contains("COF-COL-1000");
        assertThatJson(http.get("/products?q=50%25").body()).as("%% is a character, not a wildcard").has("total", 0);
        assertThat(http.get("/products/TEA-EAR-100").body()).contains("Earl Grey");
    }

    @Test
    void badInputIsA4xxProblemNeverA500() {
        for (String path : List.of("/products?size=1000", "/products?page=-1", "/products?sort=cheapest", "/products/no%20sku")) {
            HttpResponse<String> r = http.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertProblem(r);
        }
        HttpResponse<String> missing = http.get("/products/NOPE-000");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertProblem(missing);
        assertThat(missing.body()).contains("no product with SKU NOPE-000");
    }

    @Test
    void onlyAdminsChangeTheCatalogue() {
        String product = """
                {"name":"Cold Brew Bottle","description":"1 l","category":"brewing","priceMinor":2900,"currency":"EUR"}""";
        assertThat(http.put("/products/BRW-CLD-01", product).statusCode()).isEqualTo(401);
        String shopper = Http.bearer(tokens.token("u-1", List.of()));
        assertThat(http.put("/products/BRW-CLD-01", product, "Authorization", shopper).statusCode()).isEqualTo(403);

        String admin = Http.bearer(tokens.token("u-admin", List.of("admin")));
        HttpResponse<String> created = http.put("/products/BRW-CLD-01", product, "Authorization", admin,
                ShopContract.REQUEST_ID_HEADER, "admin-put-1");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(http.put("/products/BRW-CLD-01", product.replace("2900", "3100"), "Authorization", admin).statusCode()).isEqualTo(200);
        assertThatJson(http.get("/products/BRW-CLD-01").body()).has("priceMinor", 3100);
        assertThat(catalog.logTail()).as("JSON log lines carry the request's id")
                .containsPattern("\"requestId\": ?\"admin-put-1\".*product BRW-CLD-01 created");

        HttpResponse<String> badCategory = http.put("/products/BRW-CLD-02", product.replace("brewing", "shoes"), "Authorization", admin);
        assertThat(badCategory.statusCode()).isEqualTo(422);
        assertThat(badCategory.body()).contains("category 'shoes' does not exist");
        HttpResponse<String> invalid = http.put("/products/BRW-CLD-02", product.replace("EUR", "euro"), "Authorization", admin);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("ISO 4217");
        HttpResponse<String> notJson = http.put("/products/BRW-CLD-02", "{nope", "Authorization", admin);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertProblem(notJson);
        HttpResponse<String> huge = http.put("/products/BRW-CLD-02", "{\"name\":\"" + "x".repeat(100_000) + "\"}", "Authorization", admin);
        assertThat(huge.statusCode()).as("bodies are bounded").isEqualTo(413);
    }

    @Test
    void healthMetricsOpenApiAndRequestIdsAreServed() {
        assertThat(http.get(ShopContract.LIVENESS_PATH).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = http.get(ShopContract.READINESS_PATH);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).as("readiness includes the database").contains("jdbc");
        assertThat(http.get(ShopContract.METRICS_PATH).body()).contains("http_server_requests_seconds");
        assertThat(http.get("/swagger/catalog-1.yml").body()).contains("/products/{sku}");
        HttpResponse<String> traced = http.get("/products/NOPE-000", ShopContract.REQUEST_ID_HEADER, "trace-42");
        assertThat(traced.headers().firstValue(ShopContract.REQUEST_ID_HEADER)).contains("trace-42");
        assertThatJson(traced.body()).has("requestId", "trace-42");
    }

    @Test
    void restartingDoesNotLoadTheDemoDataTwice() {
        try (ServiceProcess second = ServiceProcess.start(ShopService.CATALOG, ServiceProcess.merge(List.of(db.env(), tokens.env())))) {
            assertThatJson(second.http().get("/products?category=tea").body()).has("total", 3);
        }
    }

    static void assertProblem(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThatJson(r.body()).has("status", r.statusCode());
        assertThat(JsonAssert.parse(r.body()).hasNonNull("detail")).as("a detail").isTrue();
    }

}
