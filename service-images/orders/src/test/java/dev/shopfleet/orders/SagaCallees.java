package dev.shopfleet.orders;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.StandIn;
import dev.shopfleet.testkit.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stand-ins for every service orders calls, answering as for a shopper whose checkout goes through. */
final class SagaCallees implements AutoCloseable {
    static final String CARD = "{\"card\":{\"number\":\"4242424242424242\",\"expiryMonth\":12,\"expiryYear\":2031,\"cvc\":\"123\"}}";
    final TestTokens tokens = new TestTokens();
    final StandIn users = new StandIn();
    final StandIn cart = new StandIn();
    final StandIn inventory = new StandIn();
    final StandIn payments = new StandIn();

    SagaCallees() {
        users.answer("GET " + ShopContract.USERS_KEYS_PATH, 200, tokens.jwks())
                .answer("GET /users/me", 200, "{\"id\":\"u-1\",\"email\":\"ada@shop.test\",\"name\":\"Ada\"}");
        cart.answer("POST /cart/check", 200, "{\"cart\":{\"lines\":[{\"sku\":\"TEA-1\",\"name\":\"Tea\",\"quantity\":2,"
                + "\"unitPriceMinor\":450,\"currency\":\"EUR\",\"totalMinor\":900}],\"itemCount\":2,\"totalMinor\":900,"
                + "\"currency\":\"EUR\"}}").answer("DELETE /cart", 204, "");
        everyOneSaysYes();
    }

    /** Stock reserved and committed, the card authorized and captured. */
    void everyOneSaysYes() {
        inventory.answer("POST /reservations", 201, "").answer("POST /reservations/", 200, "");
        payments.answer("POST /payment-methods", 201, "{\"token\":\"pm-1\",\"brand\":\"visa\",\"last4\":\"4242\"}")
                .answer("POST /payments", 201, "{\"orderId\":\"x\",\"status\":\"AUTHORIZED\"}")
                .answer("POST /payments/", 200, "{\"orderId\":\"x\",\"status\":\"CAPTURED\"}");
    }

    /** The variables that point orders at these stand-ins. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put(ShopContract.urlVariable(ShopService.USERS), users.url());
        env.put(ShopContract.urlVariable(ShopService.CART), cart.url());
        env.put(ShopContract.urlVariable(ShopService.INVENTORY), inventory.url());
        env.put(ShopContract.urlVariable(ShopService.PAYMENTS), payments.url());
        return env;
    }

    /** The Authorization header of the shopper u-1. */
    String shopper() {
        return Http.bearer(tokens.token("u-1", List.of("shopper")));
    }

    @Override
    public void close() {
        List.of(users, cart, inventory, payments).forEach(StandIn::close);
        tokens.close();
    }
}
