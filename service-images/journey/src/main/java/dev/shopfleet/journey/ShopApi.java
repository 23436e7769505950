package dev.shopfleet.journey;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.Http;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What shoppers and the shop's admin do through the storefront's API, for journeys and benchmarks. */
public final class ShopApi {
    public static final String ADMIN_EMAIL = "admin@shop.test";
    /** What the operator would generate into the shop's admin invitation Secret. */
    public static final String ADMIN_INVITATION = "journeys-admin-invitation";
    public static final String VISA = "4242 4242 4242 4242";
    public static final String DECLINED = "4000 0000 0000 0002";
    public static final String NO_FUNDS = "4000 0000 0000 9995";
    public static final String PROCESSOR_HANGS = "4000 0000 0000 0119";
    private static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");
    private final LocalShop shop;
    private final Http storefront;
    private String admin;

    public ShopApi(LocalShop shop) {
        this.shop = shop;
        this.storefront = new Http(shop.storefrontUrl());
    }

    public Http storefront() {
        return storefront;
    }

    /** Registers a shopper and returns their Authorization header. */
    public String shopper(String email) {
        return register(email, "");
    }

    /** Registers the shop's admin, with the shop's invitation, and returns their Authorization header. */
    public String admin() {
        return register(ADMIN_EMAIL, ",\"invitation\":\"" + ADMIN_INVITATION + "\"");
    }

    private String register(String email, String invitation) {
        HttpResponse<String> created = storefront.post("/api/users", "{\"email\":\"" + email + "\",\"password\":\"correct horse "
                + "battery\",\"name\":\"" + email.substring(0, email.indexOf('@')) + "\"" + invitation + "}");
        if (created.statusCode() != 202) {
            throw new IllegalStateException("registering " + email + ": " + created.statusCode() + " " + created.body());
        }
        return login(email);
    }

    public String login(String email) {
        HttpResponse<String> login = storefront.post("/api/login", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
        Matcher token = TOKEN.matcher(login.body());
        if (login.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("logging in " + email + ": " + login.statusCode() + " " + login.body());
        }
        return Http.bearer(token.group(1));
    }

    /** A product of its own for a test, with this much stock. */
    public void product(String sku, long priceMinor, int stock) {
        if (admin == null) {
            admin = admin();
        }
        expect(201, storefront.put("/api/products/" + sku, "{\"name\":\"Test " + sku + "\",\"category\":\"tea\",\"priceMinor\":"
                + priceMinor + ",\"currency\":\"EUR\"}", "Authorization", admin), "creating " + sku);
        expect(200, shop.get(ShopService.INVENTORY).http().put("/stock/" + sku, "{\"onHand\":" + stock + "}",
                "Authorization", admin), "stocking " + sku);
    }

    public void addToCart(String shopper, String sku, int quantity) {
        expect(200, storefront.post("/api/cart/lines", "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}",
                "Authorization", shopper), "adding " + sku);
    }

    public HttpResponse<String> checkout(String shopper, String card) {
        return checkout(shopper, card, UUID.randomUUID().toString());
    }

    public HttpResponse<String> checkout(String shopper, String card, String idempotencyKey) {
        return storefront.post("/api/orders", "{\"card\":{\"number\":\"" + card + "\",\"expiryMonth\":12,\"expiryYear\":2031,"
                + "\"cvc\":\"123\"}}", "Authorization", shopper, ShopContract.IDEMPOTENCY_KEY_HEADER, idempotencyKey);
    }

    public static String orderId(HttpResponse<String> order) {
        Matcher m = ID.matcher(order.body());
        if (!m.find()) {
            throw new IllegalStateException("no order id in " + order.statusCode() + " " + order.body());
        }
        return m.group(1);
    }

    public static String status(HttpResponse<String> order) {
        Matcher m = STATUS.matcher(order.body());
        return m.find() ? m.group(1) : "HTTP " + order.statusCode();
    }

    private static void expect(int status, HttpResponse<String> response, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
        }
    }
}
