package dev.shopfleet.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.OrderOutcome;
import dev.shopfleet.contract.ProductSort;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.ServiceProcess;
import dev.shopfleet.testkit.StandIn;
import dev.shopfleet.testkit.TestTokens;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The web shop's pages, in the storefront's own module: the storefront as a real process, its callees stand-ins that
 * answer as each test needs. The journeys (journey module) run the same pages against the real services.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorefrontPagesTest {
    private static final String TEA = "{\"sku\":\"TEA-1\",\"name\":\"Sencha\",\"description\":\"Green\",\"category\":\"tea\","
            + "\"priceMinor\":450,\"currency\":\"EUR\"}";
    private static final String EMPTY_CART = "{\"lines\":[],\"itemCount\":0,\"totalMinor\":0}";
    private static final StandIn CATALOG = new StandIn();
    private static final StandIn CART = new StandIn();
    private static final StandIn USERS = new StandIn();
    private static final StandIn ORDERS = new StandIn();
    private static final TestTokens TOKENS = new TestTokens();
    private static ServiceProcess storefront;
    private static Http http;
    private static String shopperCookie;

    @BeforeAll
    static void start() {
        Map<String, String> env = new HashMap<>();
        env.put(ShopContract.ENV_SHOP_DISPLAY_NAME, "Leaf & Cup");
        env.put(ShopContract.ENV_SHOP_THEME, "NOT A THEME");
        env.put(ShopContract.urlVariable(ShopService.CATALOG), CATALOG.url());
        env.put(ShopContract.urlVariable(ShopService.CART), CART.url());
        env.put(ShopContract.urlVariable(ShopService.USERS), USERS.url());
        env.put(ShopContract.urlVariable(ShopService.ORDERS), ORDERS.url());
        CATALOG.answer("GET /products?", 200, "{\"items\":[" + TEA + "],\"page\":0,\"size\":12,\"total\":1,\"totalPages\":1}")
                .answer("GET /products/TEA-1", 200, TEA)
                .answer("GET /categories", 200, "[{\"slug\":\"tea\",\"name\":\"Tea\"}]");
        CART.answer("GET /cart", 200, EMPTY_CART);
        USERS.answer("GET " + ShopContract.USERS_KEYS_PATH, 200, TOKENS.jwks());
        ORDERS.answer("GET /checkout/availability", 200, "{\"available\":true}");
        storefront = ServiceProcess.start(ShopService.STOREFRONT, env);
        http = new Http(storefront.url());
        shopperCookie = Shopper.TOKEN_COOKIE + "=" + TOKENS.token("u-1", List.of("shopper"));
    }

    @AfterAll
    static void stop() {
        storefront.close();
        List.of(CATALOG, CART, USERS, ORDERS).forEach(StandIn::close);
        TOKENS.close();
    }

    @Test
    @Order(1)
    void theHomePageShowsTheShopsNameAndProductsAndAsksOnlyForSortsCatalogKnows() {
        HttpResponse<String> home = http.get("/?sort=price");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Leaf &amp; Cup", "Sencha").contains("theme-default");
        assertThat(CATALOG.calls()).anyMatch(c -> c.startsWith("GET /products?") && c.contains("sort=price"));

        http.get("/?sort=;DROP");
        List<String> searches = CATALOG.calls().stream().filter(c -> c.startsWith("GET /products?")).toList();
        assertThat(searches.get(searches.size() - 1)).as("an unknown sort becomes the default")
                .contains("sort=" + ProductSort.DEFAULT.key());
    }

    @Test
    @Order(2)
    void aProductPageForASkuCatalogCannotHaveIsNotFoundWithoutAskingCatalog() {
        assertThat(http.get("/products/TEA-1").body()).contains("Sencha");
        int before = CATALOG.calls().size();
        HttpResponse<String> bad = http.get("/products/not-a-sku");
        assertThat(bad.statusCode()).isEqualTo(404);
        assertThat(bad.body()).contains("There is no such product");
        assertThat(CATALOG.calls()).hasSize(before);
        assertThat(http.get("/products/TEA-404").statusCode()).as("catalog's 404").isEqualTo(404);
    }

    /** A 4xx is the cart's answer to one request, not a sign that it is down: the next page shows the cart again. */
    @Test
    @Order(3)
    void aRefusedRequestOpensNoCircuitForTheNextShopper() {
        CART.answer("GET /cart", 401, "{\"detail\":\"that token is not valid\"}");
        assertThat(http.get("/").body()).as("the refused request").contains("The cart is unavailable");
        CART.answer("GET /cart", 200, EMPTY_CART);
        assertThat(http.get("/").body()).as("the very next one").doesNotContain("The cart is unavailable");
    }

    @Test
    @Order(4)
    void withTheCartDownPagesStillRenderAndSaySo() {
        CART.answer("GET /cart", 503, "{\"detail\":\"down\"}");
        try {
            HttpResponse<String> home = http.get("/");
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).contains("The cart is unavailable", "Sencha");
        } finally {
            CART.answer("GET /cart", 200, EMPTY_CART);
        }
    }

    @Test
    @Order(5)
    void eachEndOfAnOrderIsToldToTheShopperAndOnlyAConfirmedOneLeavesCheckout() {
        String declined = "{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"PAYMENT_DECLINED\",\"finished\":true,"
                + "\"reason\":\"do not honor\",\"totalMinor\":900,\"currency\":\"EUR\",\"createdAt\":\"2026-01-01T00:00:00Z\","
                + "\"lines\":[]}";
        ORDERS.answer("POST /orders", 201, declined);
        HttpResponse<String> refused = checkout();
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains(OrderPages.describe(OrderOutcome.PAYMENT_DECLINED), "do not honor", "Nothing was charged");

        String id = UUID.randomUUID().toString();
        ORDERS.answer("POST /orders", 201, declined.replace("PAYMENT_DECLINED", "CONFIRMED").replaceFirst("\"id\":\"[^\"]+\"",
                "\"id\":\"" + id + "\""));
        HttpResponse<String> placed = checkout();
        assertThat(placed.statusCode()).isEqualTo(303);
        assertThat(placed.headers().firstValue("Location")).hasValue("/orders/" + id);
        assertThat(ORDERS.calls()).filteredOn("POST /orders"::equals).hasSize(2);
    }

    @Test
    @Order(6)
    void operationalEndpointsAnswerThePodNotTheIngress() {
        for (String path : new String[] {"/prometheus", "/health/readiness", "/swagger/storefront-1.yml", "/about"}) {
            assertThat(http.get(path, "X-Forwarded-For", "203.0.113.9").statusCode()).as("%s through the ingress", path).isEqualTo(404);
        }
        assertThat(http.get("/prometheus").statusCode()).as("metrics, scraped at the pod").isEqualTo(200);
        assertThat(http.get("/health/readiness").statusCode()).as("the kubelet's probe").isEqualTo(200);
        assertThat(http.get("/", "X-Forwarded-For", "203.0.113.9").statusCode()).as("the shop itself").isEqualTo(200);
    }

    @Test
    @Order(7)
    void withTheCatalogDownTheHomePageIsAClearErrorPage() {
        CATALOG.close();
        HttpResponse<String> home = http.get("/");
        assertThat(home.statusCode()).isEqualTo(503);
        assertThat(home.body()).contains("The catalogue is unavailable").doesNotContain("Exception");
    }

    private static HttpResponse<String> checkout() {
        return http.form("/checkout", "idempotencyKey=" + UUID.randomUUID() + "&cardNumber=4000000000000002&expiry=12%2F31&cvc=123",
                "Cookie", shopperCookie);
    }
}
