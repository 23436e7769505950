package dev.shopfleet.journey;

import static dev.shopfleet.testkit.JsonAssert.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.OrderEventType;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.testkit.BrokerProcess;
import dev.shopfleet.testkit.EventSchemas;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.JsonAssert;
import dev.shopfleet.testkit.Poll;
import dev.shopfleet.testkit.PostgresServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The order saga across the real services: every path ends in a terminal state with stock, payments and emails
 * consistent, checked in each service's own database and on the SMTP server.
 */
class CheckoutSagaTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static LocalShop shop;
    private static ShopApi api;
    private static PostgresServer.Database orders;
    private static PostgresServer.Database payments;
    private static PostgresServer.Database inventory;

    @BeforeAll
    static void start() {
        shop = LocalShop.start("saga", "Saga Tea");
        api = new ShopApi(shop);
        orders = shop.database(ShopService.ORDERS);
        payments = shop.database(ShopService.PAYMENTS);
        inventory = shop.database(ShopService.INVENTORY);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void aPaidOrderIsConfirmedStockTakenPaymentCapturedCartEmptiedAndTheShopperEmailedOnce() {
        api.product("HAPPY-1", 1250, 5);
        String email = "happy-" + UUID.randomUUID() + "@shop.test";
        String shopper = api.shopper(email);
        api.addToCart(shopper, "HAPPY-1", 2);

        HttpResponse<String> placed = api.checkout(shopper, ShopApi.VISA);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(ShopApi.status(placed)).isEqualTo("CONFIRMED");
        String id = ShopApi.orderId(placed);
        assertThatJson(placed.body()).has("totalMinor", 2500).has("cardLast4", "4242").containsText("STOCK_RESERVED").containsText("PAYMENT_CAPTURED");

        assertThat(api.storefront().get("/api/orders", "Authorization", shopper).body()).contains(id);
        assertThat(api.storefront().get("/api/orders/" + id, "Authorization", shopper).body()).contains("cart emptied");
        assertThat(api.storefront().get("/api/orders/" + id, "Authorization", api.shopper("nosy-" + UUID.randomUUID() + "@shop.test"))
                .statusCode()).as("another shopper's order").isEqualTo(404);
        assertThatJson(api.storefront().get("/api/cart", "Authorization", shopper).body()).has("itemCount", 0);
        assertThat(stock("HAPPY-1")).isEqualTo("3/0");
        assertThat(payments.value("SELECT status FROM payment WHERE order_id = ?", id)).isEqualTo("CAPTURED");
        await("the confirmation email", () -> shop.smtp().messagesTo(email).size() == 1);
        assertThat(shop.smtp().messagesTo(email).get(0).toString()).isNotNull();
        assertThat(dev.shopfleet.testkit.SmtpServer.text(shop.smtp().messagesTo(email).get(0))).contains("Total: 25.00 EUR", id);
    }

    @Test
    void outOfStockRejectsTheOrderWithoutChargingAndKeepsTheCart() {
        api.product("SCARCE-1", 900, 1);
        String shopper = api.shopper("scarce-" + UUID.randomUUID() + "@shop.test");
        api.addToCart(shopper, "SCARCE-1", 2);
        HttpResponse<String> placed = api.checkout(shopper, ShopApi.VISA);
        assertThat(ShopApi.status(placed)).as(placed.body()).isEqualTo("REJECTED_OUT_OF_STOCK");
        assertThat(placed.body()).contains("SCARCE-1");
        assertEndedWithoutSideEffects(ShopApi.orderId(placed), shopper, "SCARCE-1", "1/0");
    }

    @Test
    void aDeclinedCardEndsPaymentDeclinedWithTheReasonAndReleasesTheStock() {
        api.product("DECLINE-1", 500, 4);
        String shopper = api.shopper("declined-" + UUID.randomUUID() + "@shop.test");
        api.addToCart(shopper, "DECLINE-1", 1);
        HttpResponse<String> declined = api.checkout(shopper, ShopApi.DECLINED);
        assertThat(ShopApi.status(declined)).as(declined.body()).isEqualTo("PAYMENT_DECLINED");
        assertThat(declined.body()).contains("card declined");
        assertEndedWithoutSideEffects(ShopApi.orderId(declined), shopper, "DECLINE-1", "4/0");

        HttpResponse<String> poor = api.checkout(shopper, ShopApi.NO_FUNDS);
        assertThat(ShopApi.status(poor)).isEqualTo("PAYMENT_DECLINED");
        assertThat(poor.body()).contains("insufficient funds");
        assertThat(ShopApi.status(api.checkout(shopper, ShopApi.VISA))).as("the same cart, another card").isEqualTo("CONFIRMED");
    }

    @Test
    void aPaymentProviderThatDoesNotAnswerFailsTheOrderAndUndoesEverything() {
        api.product("HANG-1", 700, 2);
        String shopper = api.shopper("hang-" + UUID.randomUUID() + "@shop.test");
        api.addToCart(shopper, "HANG-1", 1);
        HttpResponse<String> placed = api.checkout(shopper, ShopApi.PROCESSOR_HANGS);
        assertThat(ShopApi.status(placed)).as(placed.body()).isEqualTo("FAILED");
        // payments gives up on the processor after 2 s; on a slow machine orders may give up on payments first
        assertThat(placed.body()).contains("did not answer");
        String id = ShopApi.orderId(placed);
        assertThat(payments.value("SELECT status FROM payment WHERE order_id = ?", id)).isIn("FAILED", "VOIDED");
        assertThat(stock("HANG-1")).isEqualTo("2/0");
        assertThat(inventory.value("SELECT status FROM reservation WHERE id = ?", id)).isEqualTo("RELEASED");
        assertThatJson(api.storefront().get("/api/cart", "Authorization", shopper).body()).has("itemCount", 1);
    }

    @Test
    void ordersConfirmWhileNotificationsIsDownTheBrokerKeepsTheEventAndTheEmailGoesOutWhenItReturns() {
        api.product("LATER-1", 300, 3);
        String email = "later-" + UUID.randomUUID() + "@shop.test";
        String shopper = api.shopper(email);
        api.addToCart(shopper, "LATER-1", 1);
        shop.get(ShopService.NOTIFICATIONS).kill();
        try {
            HttpResponse<String> placed = api.checkout(shopper, ShopApi.VISA);
            assertThat(ShopApi.status(placed)).as(placed.body()).isEqualTo("CONFIRMED");
            String id = ShopApi.orderId(placed);
            await("the event on the broker, with notifications away", () -> orders.value(
                    "SELECT published_at FROM outbox WHERE order_id = ?::uuid", id) != null);
            assertThat(shop.smtp().messagesTo(email)).isEmpty();
        } finally {
            shop.restart(ShopService.NOTIFICATIONS);
        }
        await("the email after notifications returned", () -> shop.smtp().messagesTo(email).size() == 1);
    }

    /**
     * The broker dies in the middle of 100 checkouts: every order still ends as it would have, the events wait in
     * orders' outbox, and once the broker is back each confirmed order is on the topic and e-mailed exactly once.
     */
    @Test
    void aBrokerKilledDuringAHundredCheckoutsLosesNoEventAndDuplicatesNoEmail() throws Exception {
        api.product("BROKER-1", 200, 1000);
        List<String> emails = new ArrayList<>();
        List<String> shoppers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String email = "broker" + i + "-" + UUID.randomUUID() + "@shop.test";
            shoppers.add(api.shopper(email));
            api.addToCart(shoppers.get(i), "BROKER-1", 1);
            emails.add(email);
        }
        long before = Long.parseLong(orders.value("SELECT count(*) FROM customer_order"));
        ExecutorService killer = Executors.newSingleThreadExecutor();
        Future<?> kill = killer.submit(() -> {
            await("checkouts under way", () -> Long.parseLong(orders.value("SELECT count(*) FROM customer_order")) - before >= 10);
            shop.broker().kill();
        });
        List<HttpResponse<String>> results;
        try {
            results = concurrently(100, i -> api.checkout(shoppers.get(i), ShopApi.VISA));
            kill.get();
        } finally {
            killer.shutdown();
        }
        List<String> confirmed = results.stream().filter(r -> ShopApi.status(r).equals("CONFIRMED")).map(ShopApi::orderId).toList();
        assertThat(confirmed).as("the broker's death fails no checkout").hasSize(100);
        String waiting = orders.value("SELECT count(*) FROM outbox WHERE published_at IS NULL");
        assertThat(Integer.parseInt(waiting)).as("events kept in the outbox while the broker is away").isPositive();
        shop.broker().restart();

        await("a hundred e-mails", () -> emails.stream().mapToInt(e -> shop.smtp().messagesTo(e).size()).sum() >= 100);
        List<ConsumerRecord<String, String>> placed = placedEvents(confirmed);
        assertThat(placed.stream().map(ConsumerRecord::key).distinct()).as("every order on the topic")
                .containsExactlyInAnyOrderElementsOf(confirmed);
        assertThat(placed.stream().map(r -> BrokerProcess.header(r, BrokerContract.HEADER_EVENT_ID)).distinct())
                .as("one event per order (a resend keeps its id)").hasSize(100);
        assertThat(emails.stream().mapToInt(e -> shop.smtp().messagesTo(e).size()).max().orElseThrow()).as("no duplicates")
                .isEqualTo(1);
        await("catalog to count the hundred", () -> "100".equals(unitsSold("BROKER-1")));
        System.out.println("broker killed during 100 checkouts: " + waiting + " events waited in the outbox; "
                + placed.size() + " OrderPlaced records for 100 orders");
    }

    @Test
    void withPaymentsDownBrowsingAndTheCartWorkAndCheckoutSaysPaymentsAreUnavailable() {
        api.product("DOWN-1", 800, 3);
        String shopper = api.shopper("down-" + UUID.randomUUID() + "@shop.test");
        api.addToCart(shopper, "DOWN-1", 1);
        String cookie = "shop_token=" + shopper.substring("Bearer ".length());
        shop.get(ShopService.PAYMENTS).kill();
        try {
            await("checkout reports payments unavailable",
                    () -> JsonAssert.anyObjectHas(api.storefront().get("/api/checkout/availability").body(), "available", false));
            assertThat(api.storefront().get("/").body()).contains("Saga Tea");
            assertThat(api.storefront().get("/api/products/DOWN-1").statusCode()).isEqualTo(200);
            api.addToCart(shopper, "DOWN-1", 1);
            long ordersBefore = Long.parseLong(orders.value("SELECT count(*) FROM customer_order"));

            HttpResponse<String> refused = api.checkout(shopper, ShopApi.VISA);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).contains("problem+json"));
            assertThat(refused.body()).contains("payments are unavailable");
            assertThat(orders.value("SELECT count(*) FROM customer_order")).isEqualTo(Long.toString(ordersBefore));
            assertThatJson(api.storefront().get("/api/cart", "Authorization", shopper).body()).has("itemCount", 2);

            HttpResponse<String> page = api.storefront().get("/checkout", "Cookie", cookie);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Payments are unavailable right now").doesNotContain("id=\"checkout-form\"");
        } finally {
            shop.restart(ShopService.PAYMENTS);
        }
        await("checkout open again", () -> JsonAssert.anyObjectHas(api.storefront().get("/api/checkout/availability").body(), "available", true));
        assertThat(api.storefront().get("/checkout", "Cookie", cookie).body()).contains("id=\"checkout-form\"");
        assertThat(ShopApi.status(api.checkout(shopper, ShopApi.VISA))).isEqualTo("CONFIRMED");
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameOrderChargedOnceEvenWhenRequestsRace() throws Exception {
        api.product("ONCE-1", 1000, 10);
        String shopper = api.shopper("once-" + UUID.randomUUID() + "@shop.test");
        api.addToCart(shopper, "ONCE-1", 1);
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = api.checkout(shopper, ShopApi.VISA, key);
        HttpResponse<String> again = api.checkout(shopper, ShopApi.VISA, key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).as("a replay").isEqualTo(200);
        assertThat(ShopApi.orderId(again)).isEqualTo(ShopApi.orderId(first));

        api.addToCart(shopper, "ONCE-1", 1);
        String raceKey = UUID.randomUUID().toString();
        List<HttpResponse<String>> responses = concurrently(8, i -> api.checkout(shopper, ShopApi.VISA, raceKey));
        List<String> ids = responses.stream().map(ShopApi::orderId).distinct().toList();
        assertThat(ids).as("one order for one key").hasSize(1);
        assertThat(orders.value("SELECT count(*) FROM customer_order WHERE idempotency_key = ?", raceKey)).isEqualTo("1");
        await("the raced order finishes", () -> "CONFIRMED".equals(orders.value("SELECT state FROM customer_order WHERE id = ?::uuid", ids.get(0))));
        assertThat(payments.value("SELECT count(*) FROM payment WHERE order_id = ?", ids.get(0))).isEqualTo("1");
        assertThat(stock("ONCE-1")).isEqualTo("8/0");
        assertThat(api.checkout(shopper, ShopApi.VISA, "x").statusCode()).as("a key too short").isEqualTo(400);
    }

    @Test
    void aHundredShoppersRacingForTenUnitsGiveExactlyTenOrdersTenChargesAndTenEmails() throws Exception {
        api.product("RACE-10", 1500, 10);
        List<String> emails = new ArrayList<>();
        List<String> shoppers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String email = "racer" + i + "-" + UUID.randomUUID() + "@shop.test";
            String shopper = api.shopper(email);
            api.addToCart(shopper, "RACE-10", 1);
            emails.add(email);
            shoppers.add(shopper);
        }
        List<HttpResponse<String>> results = concurrently(100, i -> api.checkout(shoppers.get(i), ShopApi.VISA));
        Map<String, Long> outcomes = results.stream().collect(Collectors.groupingBy(ShopApi::status, Collectors.counting()));
        assertThat(outcomes).as("outcomes").isEqualTo(Map.of("CONFIRMED", 10L, "REJECTED_OUT_OF_STOCK", 90L));

        List<String> confirmed = results.stream().filter(r -> ShopApi.status(r).equals("CONFIRMED")).map(ShopApi::orderId).toList();
        assertThat(payments.value("SELECT count(*) FROM payment WHERE status = 'CAPTURED' AND order_id = ANY(?)",
                (Object) confirmed.toArray(String[]::new))).isEqualTo("10");
        List<String> all = results.stream().map(ShopApi::orderId).toList();
        assertThat(payments.value("SELECT count(*) FROM payment WHERE status <> 'CAPTURED' AND order_id = ANY(?)",
                (Object) all.toArray(String[]::new))).as("no charge for a rejected order").isEqualTo("0");
        assertThat(stock("RACE-10")).as("none oversold, none still reserved").isEqualTo("0/0");
        assertThat(inventory.value("SELECT count(*) FROM reservation WHERE status = 'RESERVED' AND id = ANY(?)",
                (Object) all.toArray(String[]::new))).isEqualTo("0");
        await("ten emails", () -> emails.stream().mapToInt(e -> shop.smtp().messagesTo(e).size()).sum() >= 10);
        assertThat(emails.stream().filter(e -> !shop.smtp().messagesTo(e).isEmpty()).count()).isEqualTo(10);
        assertThat(emails.stream().mapToInt(e -> shop.smtp().messagesTo(e).size()).max().orElseThrow()).as("no duplicates").isEqualTo(1);
        assertThat(placedEvents(confirmed)).as("each confirmed order exactly once on the topic").hasSize(10)
                .extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(confirmed);
        assertEventsKeepTheirSchemas(all);
        await("catalog to count the ten", () -> "10".equals(unitsSold("RACE-10")));
    }

    /** Every event orders wrote about these orders is as its schema in the contract says. */
    private static void assertEventsKeepTheirSchemas(List<String> orderIds) {
        List<String> events = orders.column("SELECT type || ' ' || version || ' ' || payload FROM outbox WHERE order_id = ANY(?::uuid[])",
                (Object) orderIds.toArray(String[]::new));
        assertThat(events).as("an event per order").hasSize(orderIds.size());
        for (String event : events) {
            String[] typeVersionPayload = event.split(" ", 3);
            OrderEventType type = OrderEventType.of(typeVersionPayload[0], Integer.parseInt(typeVersionPayload[1])).orElseThrow();
            assertThat(EventSchemas.violations(type, typeVersionPayload[2])).as(event).isEmpty();
        }
    }

    /** Units of a product sold, as catalog counted them from the OrderPlaced events (null before the first). */
    private static String unitsSold(String sku) {
        return shop.database(ShopService.CATALOG).value("SELECT units_sold FROM product_sales WHERE sku = ?", sku);
    }

    /** The OrderPlaced records on the shop's topic of the given orders, once each of them has one. */
    private static List<ConsumerRecord<String, String>> placedEvents(List<String> orderIds) {
        Predicate<ConsumerRecord<String, String>> placed = r -> orderIds.contains(r.key())
                && "OrderPlaced".equals(BrokerProcess.header(r, BrokerContract.HEADER_EVENT_TYPE));
        return shop.broker().read(ShopTopic.ORDER_EVENTS.topicName(), records -> records.stream().filter(placed)
                .map(ConsumerRecord::key).distinct().count() == orderIds.size(), DEADLINE).stream().filter(placed).toList();
    }

    @Test
    void killingOrdersMidSagaLeavesNoOrderUnfinishedNoStockDanglingAndNoChargeWithoutAnOrder() throws Exception {
        api.product("CRASH-1", 400, 1000);
        int n = 40;
        List<String> shoppers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String shopper = api.shopper("crash" + i + "-" + UUID.randomUUID() + "@shop.test");
            api.addToCart(shopper, "CRASH-1", 1 + i % 3);
            shoppers.add(shopper);
        }
        long before = Long.parseLong(orders.value("SELECT count(*) FROM customer_order"));
        Http ordersDirect = shop.get(ShopService.ORDERS).http();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<?>> load = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String shopper = shoppers.get(i);
            String card = i % 5 == 4 ? ShopApi.DECLINED : ShopApi.VISA;
            load.add(pool.submit(() -> ordersDirect.post("/orders", "{\"card\":{\"number\":\"" + card
                    + "\",\"expiryMonth\":12,\"expiryYear\":2031,\"cvc\":\"123\"}}", "Authorization", shopper,
                    "Idempotency-Key", UUID.randomUUID().toString())));
        }
        await("sagas under way", () -> Long.parseLong(orders.value("SELECT count(*) FROM customer_order")) - before >= 10);
        shop.get(ShopService.ORDERS).kill();
        for (Future<?> f : load) {
            try {
                f.get();
            } catch (Exception e) { // the connection died with the process: that is the point
            }
        }
        pool.shutdown();
        String unfinished = "SELECT count(*) FROM customer_order WHERE state NOT IN"
                + " ('CONFIRMED', 'REJECTED_OUT_OF_STOCK', 'PAYMENT_DECLINED', 'FAILED')";
        System.out.println("orders killed with " + orders.value(unfinished) + " sagas unfinished");
        shop.restart(ShopService.ORDERS);
        await("every order finished", () -> "0".equals(orders.value(unfinished)));

        List<String> ids = orders.column("SELECT id FROM customer_order WHERE id IN (SELECT order_id FROM order_line WHERE sku = 'CRASH-1')");
        int taken = 0;
        for (String id : ids) {
            String state = orders.value("SELECT state FROM customer_order WHERE id = ?::uuid", id);
            String payment = payments.value("SELECT status FROM payment WHERE order_id = ?", id);
            String reservation = inventory.value("SELECT status FROM reservation WHERE id = ?", id);
            if (state.equals("CONFIRMED")) {
                assertThat(payment).as("order %s", id).isEqualTo("CAPTURED");
                assertThat(reservation).as("order %s", id).isEqualTo("COMMITTED");
                taken += Integer.parseInt(orders.value("SELECT quantity FROM order_line WHERE order_id = ?::uuid", id));
            } else {
                assertThat(payment).as("order %s (%s)", id, state).isNotIn("AUTHORIZED", "CAPTURED", "PENDING");
                assertThat(reservation).as("order %s (%s)", id, state).isNotIn("RESERVED", "COMMITTED");
            }
        }
        System.out.println("after the crash: " + ids.size() + " orders, " + orders.column("SELECT state || '=' || count(*) FROM"
                + " customer_order WHERE id IN (SELECT order_id FROM order_line WHERE sku = 'CRASH-1') GROUP BY state"));
        assertThat(stock("CRASH-1")).isEqualTo((1000 - taken) + "/0");
    }

    private static void assertEndedWithoutSideEffects(String id, String shopper, String sku, String stock) {
        assertThat(stock(sku)).isEqualTo(stock);
        assertThat(payments.value("SELECT status FROM payment WHERE order_id = ?", id)).isNotIn("AUTHORIZED", "CAPTURED", "PENDING");
        assertThat(orders.column("SELECT type FROM outbox WHERE order_id = ?::uuid", id)).as("its end's event, not a sale")
                .containsExactly(OrderEventType.ORDER_REJECTED.typeName());
        assertThat(api.storefront().get("/api/cart", "Authorization", shopper).body()).as("the cart is intact").contains(sku);
    }

    /** on hand / reserved. */
    private static String stock(String sku) {
        return inventory.value("SELECT on_hand || '/' || reserved FROM stock WHERE sku = ?", sku);
    }

    private interface Call {
        HttpResponse<String> call(int i);
    }

    private static List<HttpResponse<String>> concurrently(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CompletableFuture<Void> gate = new CompletableFuture<>();
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    gate.join();
                    return call.call(index);
                }));
            }
            gate.complete(null);
            List<HttpResponse<String>> results = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        Poll.until(what, DEADLINE, condition, () -> "orders:\n" + shop.get(ShopService.ORDERS).logTail());
    }
}
