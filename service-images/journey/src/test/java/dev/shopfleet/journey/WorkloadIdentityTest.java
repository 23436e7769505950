package dev.shopfleet.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.JsonAssert;
import dev.shopfleet.testkit.ServiceProcess;
import dev.shopfleet.testkit.WorkloadIssuer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every internal API knows who calls it, whatever the network allows: over the whole call graph, each service admits
 * exactly its callers' tokens (403 for any other service's), and no token, another shop's, another service's audience,
 * an expired one or one signed by another key is 401. The whole shop on loopback, so no network rule helps.
 */
class WorkloadIdentityTest {
    private static final String SHOP = "identity";
    private static final String PROBE_PATH = "/no-such-path";
    private static LocalShop shop;

    @BeforeAll
    static void start() {
        shop = LocalShop.start(SHOP, "Identity");
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void eachServiceAdmitsExactlyItsCallersInTheCallGraph() {
        List<String> wrong = new ArrayList<>();
        for (ShopService callee : ShopService.values()) {
            if (callee.isGateway()) {
                continue; // shoppers' entry point: open to all
            }
            ServiceProcess service = shop.get(callee);
            assertThat(status(new Http(service.url()))).as("%s without a token", callee).isEqualTo(401);
            for (ShopService caller : ShopService.values()) {
                int status = status(service.httpAs(caller));
                int expected = callee.callers().contains(caller) ? 404 : 403; // past the check: no such path
                if (status != expected) {
                    wrong.add(caller.id() + " -> " + callee.id() + ": " + status + " (expected " + expected + ")");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aRealRouteIsRefusedWithoutTheRightCallerToo() {
        Http anonymous = new Http(shop.get(ShopService.PAYMENTS).url());
        assertThat(anonymous.get("/payments/no-such-order").statusCode()).isEqualTo(401);
        assertThat(shop.get(ShopService.PAYMENTS).httpAs(ShopService.CART).get("/payments/no-such-order").statusCode()).isEqualTo(403);
        assertThat(shop.get(ShopService.PAYMENTS).httpAs(ShopService.ORDERS).get("/payments/no-such-order").statusCode()).isEqualTo(404);
    }

    @Test
    void cartCannotAuthorizeAPaymentButOrdersCan() {
        String payment = "{\"orderId\":\"identity-1\",\"paymentMethod\":\"pm-none\",\"amountMinor\":100,\"currency\":\"EUR\"}";
        HttpResponse<String> asCart = shop.get(ShopService.PAYMENTS).httpAs(ShopService.CART).post("/payments", payment);
        assertThat(asCart.statusCode()).isEqualTo(403);
        JsonAssert.assertThatJson(asCart.body()).has("status", 403).containsText("may not call payments");
        assertThat(asCart.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        int asOrders = shop.get(ShopService.PAYMENTS).httpAs(ShopService.ORDERS).post("/payments", payment).statusCode();
        assertThat(asOrders).as("orders reaches the payment logic (an unknown payment method is its 4xx)").isNotIn(401, 403, 500);
    }

    @Test
    void tokensThatAreNotTheRightOnesAreRefused() {
        WorkloadIssuer issuer = WorkloadIssuer.shared();
        ServiceProcess payments = shop.get(ShopService.PAYMENTS);
        String orders = ShopContract.workloadSubject(WorkloadIssuer.NAMESPACE, SHOP, ShopService.ORDERS);
        String audience = ShopContract.workloadAudience(WorkloadIssuer.NAMESPACE, SHOP, ShopService.PAYMENTS);
        assertThat(status(payments, issuer.token(orders, audience, Duration.ofMinutes(5)))).as("the right one").isEqualTo(404);
        assertThat(status(payments, issuer.token(orders, audience, Duration.ofMinutes(-5)))).as("expired").isEqualTo(401);
        assertThat(status(payments, issuer.token(orders, ShopContract.workloadAudience(WorkloadIssuer.NAMESPACE, SHOP,
                ShopService.INVENTORY), Duration.ofMinutes(5)))).as("for another service").isEqualTo(401);
        assertThat(status(payments, issuer.token(ShopContract.workloadSubject(WorkloadIssuer.NAMESPACE, "other", ShopService.ORDERS),
                ShopContract.workloadAudience(WorkloadIssuer.NAMESPACE, "other", ShopService.PAYMENTS), Duration.ofMinutes(5))))
                .as("another shop's").isEqualTo(401);
        assertThat(status(payments, issuer.token(ShopContract.workloadSubject("elsewhere", SHOP, ShopService.ORDERS), audience,
                Duration.ofMinutes(5)))).as("from another namespace").isEqualTo(403);
        String forged = issuer.token(orders, audience, Duration.ofMinutes(5));
        assertThat(status(payments, forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA")).as("a bad signature").isEqualTo(401);
        assertThat(status(payments, "not-a-jwt")).isEqualTo(401);
    }

    /**
     * The cluster rotates its signing key and the kubelet renews tokens while the services run: a new key is
     * published next to the old one, token files are rewritten, then the old key goes. No service restarts, checkout
     * works at every step, and a token of the retired key stops working at once.
     */
    @Test
    void keysAndTokensRotateWithoutARestart() {
        ShopApi api = new ShopApi(shop);
        api.product("ROT-1", 500, 10);
        ServiceProcess payments = shop.get(ShopService.PAYMENTS);
        Http signedByTheOldKey = payments.httpAs(ShopService.ORDERS);
        assertThat(status(signedByTheOldKey)).isEqualTo(404);

        WorkloadIssuer.shared().rotate();
        assertThat(status(signedByTheOldKey)).as("the old key is still published").isEqualTo(404);
        assertThat(status(payments.httpAs(ShopService.ORDERS))).as("signed by the new key").isEqualTo(404);
        assertThat(purchase(api)).as("a checkout on renewed tokens").isEqualTo("CONFIRMED");

        WorkloadIssuer.shared().retireOldKeys();
        assertThat(status(signedByTheOldKey)).as("signed by a retired key").isEqualTo(401);
        assertThat(status(payments.httpAs(ShopService.ORDERS))).isEqualTo(404);
        assertThat(purchase(api)).as("a checkout after the old key is gone").isEqualTo("CONFIRMED");
    }

    private static String purchase(ShopApi api) {
        String shopper = api.shopper("rotation-" + java.util.UUID.randomUUID() + "@shop.test");
        api.addToCart(shopper, "ROT-1", 1);
        return ShopApi.status(api.checkout(shopper, ShopApi.VISA));
    }

    @Test
    void healthMetricsAndPublicKeysStayOpen() {
        for (ShopService service : ShopService.values()) {
            Http anonymous = new Http(shop.get(service).url());
            assertThat(anonymous.get(ShopContract.READINESS_PATH).statusCode()).as("%s readiness", service).isEqualTo(200);
            assertThat(anonymous.get(ShopContract.METRICS_PATH).statusCode()).as("%s metrics", service).isEqualTo(200);
        }
        assertThat(new Http(shop.get(ShopService.USERS).url()).get(ShopContract.USERS_KEYS_PATH).statusCode()).isEqualTo(200);
    }

    private static int status(Http http) {
        return http.get(PROBE_PATH).statusCode();
    }

    private static int status(ServiceProcess service, String token) {
        return new Http(service.url(), ShopContract.WORKLOAD_TOKEN_HEADER, token).get(PROBE_PATH).statusCode();
    }
}
