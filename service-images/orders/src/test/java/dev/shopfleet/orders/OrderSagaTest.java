package dev.shopfleet.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.Poll;
import dev.shopfleet.testkit.PostgresServer;
import dev.shopfleet.testkit.ServiceProcess;
import dev.shopfleet.testkit.StandIn;
import dev.shopfleet.testkit.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The saga's transitions, one service at a time: orders as a real process on a real PostgreSQL, its callees stand-ins
 * that answer as each test needs (a reservation refused, a card declined, a commit that fails once). Whole-shop runs
 * of the same saga are the journey module's CheckoutSagaTest.
 */
class OrderSagaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SagaCallees CALLEES = new SagaCallees();
    private static final StandIn PAYMENTS = CALLEES.payments;
    private static final StandIn INVENTORY = CALLEES.inventory;
    private static final StandIn NOTIFICATIONS = new StandIn();
    private static final int OUTBOX_ATTEMPTS = 3;
    private static final int SAGA_ATTEMPTS = 3;
    private static ServiceProcess orders;
    private static Http http;
    private static String shopper;

    @BeforeAll
    static void start() {
        var db = PostgresServer.shared().createDatabase("orders_saga_test");
        Map<String, String> env = new HashMap<>(db.env());
        env.putAll(CALLEES.env());
        env.put(ShopContract.urlVariable(ShopService.NOTIFICATIONS), NOTIFICATIONS.url());
        env.put("ORDERS_OUTBOX_MAX_ATTEMPTS", Integer.toString(OUTBOX_ATTEMPTS));
        env.put("ORDERS_OUTBOX_MAX_BACKOFF", "500ms");
        env.put("ORDERS_SAGA_MAX_ATTEMPTS", Integer.toString(SAGA_ATTEMPTS));
        env.put("ORDERS_SAGA_RETRY", "1s");
        env.put("ORDERS_SAGA_RECOVERY_INTERVAL", "500ms");
        orders = ServiceProcess.start(ShopService.ORDERS, env);
        http = orders.http();
        shopper = CALLEES.shopper();
    }

    @AfterAll
    static void stop() {
        orders.close();
        NOTIFICATIONS.close();
        CALLEES.close();
    }

    @BeforeEach
    void everyCalleeSaysYes() {
        CALLEES.everyOneSaysYes();
        NOTIFICATIONS.answer("POST /events", 202, "");
    }

    /** An event its consumer keeps refusing is set aside after its attempts: the events behind it are delivered. */
    @Test
    void anEventRefusedEveryTimeGoesToTheDeadLettersAndStopsNothingBehindIt() throws Exception {
        NOTIFICATIONS.answer("POST /events", 500, "{\"detail\":\"broken\"}");
        double deadBefore = metric("orders_outbox_dead_letters_total");
        String poisoned = checkout().get("id").asText();
        Poll.until("the event to be given up", Duration.ofSeconds(30),
                () -> metric("orders_outbox_dead_letters_total") > deadBefore, orders::logTail);

        NOTIFICATIONS.answer("POST /events", 202, "");
        double publishedBefore = metric("orders_outbox_published_total");
        checkout();
        Poll.until("the next event to be delivered and nothing left waiting", Duration.ofSeconds(30),
                () -> metric("orders_outbox_published_total") > publishedBefore && metric("orders_outbox_backlog") == 0,
                orders::logTail);
        // Gauges that query are sampled every few seconds: the next sample counts it.
        Poll.until("the event kept, not retried, in the dead letters gauge", Duration.ofSeconds(30),
                () -> metric("orders_outbox_dead_lettered") >= 1, orders::logTail);
        assertThat(order(poisoned).get("status").asText()).as("the order itself stands").isEqualTo("CONFIRMED");
    }

    private static double metric(String name) {
        return http.get("/prometheus").body().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }


    @Test
    void anOrderWalksEveryForwardStateInOrderAndEndsConfirmed() throws Exception {
        JsonNode order = checkout();
        assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(states(order)).containsSubsequence("NEW", "STOCK_RESERVED", "PAYMENT_PENDING", "PAYMENT_AUTHORIZED",
                "PAYMENT_CAPTURED", "CONFIRMED").doesNotContain("COMPENSATING");
        String id = order.get("id").asText();
        assertThat(INVENTORY.calls()).contains("POST /reservations/" + id + "/commit")
                .doesNotContain("POST /reservations/" + id + "/release");
    }

    @Test
    void stockRefusedIsCompensatedWithoutAnyPaymentCall() throws Exception {
        INVENTORY.answer("POST /reservations", 409, "{\"detail\":\"only 1 of TEA-1 left\"}");
        int paymentCalls = authorizations();
        JsonNode order = checkout();
        assertThat(order.get("status").asText()).isEqualTo("REJECTED_OUT_OF_STOCK");
        assertThat(order.get("reason").asText()).contains("only 1 of TEA-1 left");
        assertThat(states(order)).containsSubsequence("NEW", "COMPENSATING", "REJECTED_OUT_OF_STOCK");
        assertThat(authorizations()).as("no authorization for an order without stock").isEqualTo(paymentCalls);
    }

    @Test
    void aDeclinedCardCancelsThePaymentAndReleasesTheStock() throws Exception {
        PAYMENTS.answer("POST /payments", 201, "{\"orderId\":\"x\",\"status\":\"DECLINED\",\"reason\":\"do not honor\"}");
        JsonNode order = checkout();
        String id = order.get("id").asText();
        assertThat(order.get("status").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(states(order)).containsSubsequence("PAYMENT_PENDING", "COMPENSATING", "PAYMENT_DECLINED");
        assertThat(PAYMENTS.calls()).contains("POST /payments/" + id + "/cancel");
        assertThat(INVENTORY.calls()).contains("POST /reservations/" + id + "/release");
    }

    /** A compensation its callee keeps failing is set aside after its attempts, with why, instead of retried forever. */
    @Test
    void aCompensationThatKeepsFailingGoesToTheDeadLetters() throws Exception {
        PAYMENTS.answer("POST /payments", 201, "{\"orderId\":\"x\",\"status\":\"DECLINED\",\"reason\":\"do not honor\"}")
                .answer("POST /payments/", 503, "{\"detail\":\"down\"}");
        double before = metric("orders_saga_dead_letters_total");
        String id = checkout().get("id").asText();
        Poll.until("the compensation to be set aside", Duration.ofSeconds(30),
                () -> metric("orders_saga_dead_letters_total") > before, orders::logTail);
        JsonNode order = order(id);
        assertThat(order.get("status").asText()).as("still to be undone, not claimed again").isEqualTo("COMPENSATING");
        assertThat(order.get("history").toString()).contains("set aside after " + SAGA_ATTEMPTS + " attempts");
        long cancels = PAYMENTS.calls().stream().filter(("POST /payments/" + id + "/cancel")::equals).count();
        assertThat(cancels).isEqualTo(SAGA_ATTEMPTS);
        Poll.until("the order in the dead letters gauge", Duration.ofSeconds(30),
                () -> metric("orders_saga_dead_lettered") >= 1, orders::logTail);
        JsonNode health = JSON.readTree(http.get(ShopContract.HEALTH_PATH).body());
        assertThat(health.at("/details/" + ShopContract.DEAD_LETTERS_INDICATOR + "/details/" + ShopContract.DEAD_LETTERS_SAGA)
                .asLong()).as("on /health for the operator").isGreaterThanOrEqualTo(1);
        assertThat(http.get(ShopContract.READINESS_PATH).statusCode()).as("and still ready").isEqualTo(200);
    }

    @Test
    void aStepThatCannotReachItsServiceIsResumedLaterAndFinishedOrdersAreLeftAlone() throws Exception {
        JsonNode finished = checkout();
        INVENTORY.answer("POST /reservations/", 503, "{\"detail\":\"down\"}");
        JsonNode waiting = checkout();
        assertThat(waiting.get("status").asText()).as("waits for inventory, still charged").isEqualTo("PAYMENT_CAPTURED");

        INVENTORY.answer("POST /reservations/", 200, "");
        String id = waiting.get("id").asText();
        Poll.until("the recovery job confirms the waiting order", Duration.ofSeconds(30),
                () -> "CONFIRMED".equals(order(id).get("status").asText()), orders::logTail);
        assertThat(states(order(id))).containsSubsequence("PAYMENT_CAPTURED", "CONFIRMED");
        assertThat(order(finished.get("id").asText()).get("history").toString())
                .as("a finished order is never claimed again").doesNotContain("resumed by");
    }

    private static JsonNode checkout() throws Exception {
        HttpResponse<String> placed = http.post("/orders", SagaCallees.CARD, "Authorization", shopper,
                ShopContract.IDEMPOTENCY_KEY_HEADER, UUID.randomUUID().toString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return JSON.readTree(placed.body());
    }

    private static JsonNode order(String id) {
        try {
            return JSON.readTree(http.get("/orders/" + id, "Authorization", shopper).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> states(JsonNode order) {
        List<String> states = new ArrayList<>();
        order.get("history").forEach(step -> states.add(step.get("state").asText()));
        return states;
    }

    private static int authorizations() {
        return (int) PAYMENTS.calls().stream().filter("POST /payments"::equals).count();
    }
}
