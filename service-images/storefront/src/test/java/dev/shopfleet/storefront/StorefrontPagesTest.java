package dev.shopfleet.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.OrderOutcome;
import dev.shopfleet.contract.ProductSearch;
import dev.shopfleet.contract.ProductSort;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.Poll;
import dev.shopfleet.testkit.ServiceProcess;
import dev.shopfleet.testkit.StandIn;
import dev.shopfleet.testkit.TestTokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    private static final String FORM_TOKEN = "f".repeat(43);
    /** A visitor who put something in a cart before: their pages show it. */
    private static final String VISITOR_WITH_CART = Shopper.CART_COOKIE + "=" + UUID.randomUUID();
    private static final int SIGN_INS_PER_MINUTE = 5;
    private static ServiceProcess storefront;
    private static Http http;
    private static String shopperCookie;

    @BeforeAll
    static void start() {
        Map<String, String> env = new HashMap<>();
        env.put(ShopContract.ENV_SHOP_DISPLAY_NAME, "Leaf & Cup ${micronaut.application.name} #{1+1}"); // shown as typed
        env.put(ShopContract.ENV_SHOP_THEME, "NOT A THEME");
        env.put("STOREFRONT_SIGN_IN_PER_MINUTE", Integer.toString(SIGN_INS_PER_MINUTE));
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
        assertThat(home.body()).contains("Leaf &amp; Cup ${micronaut.application.name} #{1+1}", "Sencha").contains("theme-default");
        assertThat(CATALOG.calls()).anyMatch(c -> c.startsWith("GET /products?") && c.contains("sort=price"));

        http.get("/?q=unknown+sort&sort=;DROP"); // a search not made before (listings are kept for a while)
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
        assertThat(http.get("/", "Cookie", VISITOR_WITH_CART).body()).as("the refused request").contains("The cart is unavailable");
        CART.answer("GET /cart", 200, EMPTY_CART);
        assertThat(http.get("/", "Cookie", VISITOR_WITH_CART).body()).as("the very next one").doesNotContain("The cart is unavailable");
    }

    @Test
    @Order(4)
    void withTheCartDownPagesStillRenderAndSaySo() {
        CART.answer("GET /cart", 503, "{\"detail\":\"down\"}");
        try {
            HttpResponse<String> home = http.get("/", "Cookie", VISITOR_WITH_CART);
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
    void aFormIsTakenOnlyWithTheTokenItsPageGaveAndFromTheShopsOwnOrigin() {
        HttpResponse<String> page = http.get("/login");
        String cookie = setCookie(page, Shopper.FORM_COOKIE).orElseThrow().split(";")[0];
        String token = cookie.substring(cookie.indexOf('=') + 1);
        assertThat(page.body()).as("the form carries the token its cookie holds").contains("value=\"" + token + "\"");
        String here = URI.create(storefront.url()).getAuthority();
        String form = "email=a%40b.test&password=long+enough+1&" + Shopper.FORM_FIELD + "=";
        HttpResponse<String> noToken = http.form("/login", "email=a%40b.test&password=x", "Cookie", cookie);
        assertThat(noToken.statusCode()).as("no token in the form").isEqualTo(403);
        assertThat(noToken.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(http.form("/login", form + token).statusCode()).as("no cookie").isEqualTo(403);
        String another = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1); // one in 64 tokens starts with A
        assertThat(http.form("/login", form + another, "Cookie", cookie).statusCode()).as("another token").isEqualTo(403);
        assertThat(http.form("/login", form + token, "Cookie", cookie, "Origin", "https://evil.example").statusCode())
                .as("another site's form").isEqualTo(403);
        USERS.answer("POST /login", 401, "{\"detail\":\"email or password is wrong\"}");
        HttpResponse<String> taken = http.form("/login", form + token, "Cookie", cookie, "Origin", "http://" + here);
        assertThat(taken.statusCode()).as("the shop's own form, answered by users").isEqualTo(422);
        assertThat(taken.body()).contains("email or password is wrong");
    }

    @Test
    @Order(8)
    void everyAnswerForbidsFramingScriptsAndSniffingAndOverTlsCookiesAreSecureAndHostOnly() {
        for (String path : new String[] {"/", "/login", "/products/TEA-1", "/no-such-page", "/api/products"}) {
            HttpResponse<String> r = http.get(path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValue(PageHeaders.CONTENT_SECURITY_POLICY);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
        }
        assertThat(http.get("/assets/shop.css").body()).contains("--accent");
        assertThat(http.get("/", "Accept-Encoding", "gzip").headers().firstValue("Content-Encoding")).as("compressing is the ingress's job")
                .isEmpty();
        HttpResponse<String> plain = http.form("/cart/add", "sku=TEA-1&" + Shopper.FORM_FIELD + "=" + FORM_TOKEN,
                "Cookie", Shopper.FORM_COOKIE + "=" + FORM_TOKEN);
        assertThat(setCookie(plain, Shopper.CART_COOKIE)).hasValueSatisfying(c -> assertThat(c.toLowerCase(Locale.ROOT)).contains("httponly").doesNotContain("secure"));
        HttpResponse<String> tls = http.get("/", "X-Forwarded-Proto", "https");
        assertThat(tls.headers().allValues("Set-Cookie")).isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("__Host-"))
                .map(c -> c.toLowerCase(Locale.ROOT)).allSatisfy(c -> assertThat(c)
                        .contains("; secure", "; httponly", "; samesite=", "; path=/").doesNotContain("domain="));
        assertThat(tls.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    @Order(9)
    void oneClientsSignInAttemptsAreLimitedAndAnotherClientIsNot() {
        USERS.answer("POST /login", 401, "{\"detail\":\"email or password is wrong\"}");
        String guess = "{\"email\":\"a@b.test\",\"password\":\"guess guess\"}";
        HttpResponse<String> last = null;
        for (int i = 0; i < SIGN_INS_PER_MINUTE; i++) {
            last = http.post("/api/login", guess, "X-Forwarded-For", "198.51.100.1, 203.0.113.7");
            assertThat(last.statusCode()).as("attempt %d", i + 1).isEqualTo(401);
        }
        HttpResponse<String> limited = http.post("/api/login", guess, "X-Forwarded-For", "198.51.100.2, 203.0.113.7");
        assertThat(limited.statusCode()).as("what the client wrote itself does not count").isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(http.post("/api/login", guess, "X-Forwarded-For", "203.0.113.8").statusCode()).as("another client").isEqualTo(401);
    }

    /** The reproduction: an over-long search or a bad SKU is refused here and hurts no one else's page. */
    @Test
    @Order(10)
    void badSearchesAndSkusAreRefusedByTheStorefrontWithoutAskingAndEveryoneElseIsServed() {
        int catalogCalls = CATALOG.calls().size();
        int cartCalls = CART.calls().size();
        for (String query : new String[] {"q=" + "x".repeat(ProductSearch.MAX_TEXT_LENGTH + 1), "q=tea%00", "category=" + "c".repeat(41)}) {
            HttpResponse<String> refused = http.get("/?" + query);
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            assertThat(refused.body()).contains("That search cannot be made");
        }
        assertThat(CATALOG.calls()).as("nothing forwarded").hasSize(catalogCalls);
        String formCookie = Shopper.FORM_COOKIE + "=" + FORM_TOKEN;
        HttpResponse<String> badSku = http.form("/cart/add", "sku=%3Cscript%3E&" + Shopper.FORM_FIELD + "=" + FORM_TOKEN,
                "Cookie", formCookie);
        assertThat(badSku.statusCode()).isEqualTo(400);
        assertThat(CART.calls()).as("nothing forwarded").hasSize(cartCalls);
        assertThat(http.get("/").statusCode()).as("the next shopper's home page").isEqualTo(200);
        assertThat(http.get("/?q=" + "x".repeat(ProductSearch.MAX_TEXT_LENGTH)).statusCode()).as("the longest search").isEqualTo(200);
    }

    /** A visitor's first pages ask nobody about a cart they do not have; their first line gives them one. */
    @Test
    @Order(0)
    void aVisitorWithoutACartCostsTheCartServiceNothingUntilTheyAddALine() {
        int cartCalls = CART.calls().size();
        HttpResponse<String> home = http.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Sencha").doesNotContain("The cart is unavailable");
        assertThat(http.get("/cart").body()).contains("Your cart is empty");
        assertThat(CART.calls()).as("no cart, no call").hasSize(cartCalls);
        assertThat(setCookie(home, Shopper.CART_COOKIE)).as("no cart id before there is a cart").isEmpty();

        CART.answer("POST /cart/lines", 200, EMPTY_CART);
        cartCalls = CART.calls().size();
        HttpResponse<String> added = http.form("/cart/add", "sku=TEA-1&" + Shopper.FORM_FIELD + "=" + FORM_TOKEN,
                "Cookie", Shopper.FORM_COOKIE + "=" + FORM_TOKEN);
        assertThat(added.statusCode()).isEqualTo(303);
        String cartCookie = setCookie(added, Shopper.CART_COOKIE).orElseThrow().split(";")[0];
        http.get("/", "Cookie", cartCookie);
        assertThat(CART.calls().subList(cartCalls, CART.calls().size())).as("the line, then the page that shows it")
                .satisfiesExactly(c -> assertThat(c).startsWith("POST /cart/lines"), c -> assertThat(c).startsWith("GET /cart"));
    }

    /** Listings are read once per few seconds, whoever asks; a price catalog changes shows within that bound. */
    @Test
    @Order(12)
    void catalogsListingsAreKeptBrieflyAndAChangedPriceShowsWithinTheirLifetime() {
        String search = "GET /products?q=kept";
        CATALOG.answer(search, 200, "{\"items\":[" + TEA + "],\"page\":0,\"size\":12,\"total\":1,\"totalPages\":1}");
        assertThat(http.get("/?q=kept").body()).contains("4.50 EUR");
        long asked = CATALOG.calls().stream().filter(c -> c.startsWith(search)).count();
        for (int i = 0; i < 20; i++) {
            assertThat(http.get("/?q=kept").body()).contains("4.50 EUR");
        }
        assertThat(CATALOG.calls().stream().filter(c -> c.startsWith(search)).count()).as("21 pages, one search").isEqualTo(asked);

        CATALOG.answer(search, 200, "{\"items\":[" + TEA.replace("450", "475") + "],\"page\":0,\"size\":12,\"total\":1,\"totalPages\":1}");
        long changed = System.nanoTime();
        Poll.until("the new price on the page", Duration.ofSeconds(10), () -> http.get("/?q=kept").body().contains("4.75 EUR"), () -> "");
        assertThat(Duration.ofNanos(System.nanoTime() - changed)).as("no older than the cache's lifetime (3 s) and a page")
                .isLessThan(Duration.ofMillis(3_500));
    }

    private static Optional<String> setCookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
    }

    @Test
    @Order(20)
    void withTheCatalogDownTheHomePageIsAClearErrorPage() {
        CATALOG.close();
        HttpResponse<String> home = http.get("/?q=not+asked+before");
        assertThat(home.statusCode()).isEqualTo(503);
        assertThat(home.body()).contains("The catalogue is unavailable").doesNotContain("Exception");
    }

    private static HttpResponse<String> checkout() {
        return http.form("/checkout", "idempotencyKey=" + UUID.randomUUID() + "&cardNumber=4000000000000002&expiry=12%2F31&cvc=123&"
                + Shopper.FORM_FIELD + "=" + FORM_TOKEN, "Cookie", shopperCookie + "; " + Shopper.FORM_COOKIE + "=" + FORM_TOKEN);
    }
}
