package dev.shopfleet.payments;

import static dev.shopfleet.testkit.JsonAssert.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.PostgresServer;
import dev.shopfleet.testkit.ServiceProcess;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** payments as a real process on a real PostgreSQL, with the simulator's test cards. */
class PaymentsServiceTest {
    private static final String VISA = "4242 4242 4242 4242";
    private static PostgresServer.Database db;
    private static ServiceProcess payments;
    private static Http http;

    @BeforeAll
    static void start() {
        db = PostgresServer.shared().createDatabase("payments_test");
        Map<String, String> env = new HashMap<>(db.env());
        env.put("PAYMENTS_PROCESSOR_TIMEOUT", "1s");
        env.put("PAYMENTS_SIMULATOR_HANG", "3s");
        payments = ServiceProcess.start(ShopService.PAYMENTS, env);
        http = payments.http();
    }

    @AfterAll
    static void stop() {
        payments.close();
    }

    @Test
    void aCardBecomesATokenAndTheNumberIsKeptNowhere() throws Exception {
        HttpResponse<String> created = http.post("/payment-methods", card(VISA));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThatJson(created.body()).has("brand", "visa").has("last4", "4242").doesNotContainText("4242424242424242");

        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT * FROM payment_method")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    assertThat(String.valueOf(rs.getObject(i))).doesNotContain("4242424242424242");
                }
            }
        }
        assertThat(payments.logText()).doesNotContain("4242424242424242").doesNotContain("4242 4242");
    }

    @Test
    void badCardsAreRejectedWithProblemDetails() {
        HttpResponse<String> luhn = http.post("/payment-methods", card("4242 4242 4242 4241"));
        assertThat(luhn.statusCode()).isEqualTo(422);
        assertThat(luhn.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(luhn.body()).contains("not valid");
        assertThat(http.post("/payment-methods", "{\"number\":\"4242424242424242\",\"expiryMonth\":1,\"expiryYear\":2020,"
                + "\"cvc\":\"123\"}").body()).contains("expired");
        assertThat(http.post("/payment-methods", "{\"number\":\"abc\",\"expiryMonth\":13,\"expiryYear\":2030,\"cvc\":\"1\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void authorizeCaptureAndCancelAreIdempotentByOrderId() {
        String token = token(VISA);
        String order = "order-" + UUID.randomUUID();
        assertThatJson(authorize(order, token, 1999).body()).has("status", "AUTHORIZED");
        assertThatJson(authorize(order, token, 1999).body()).has("status", "AUTHORIZED");
        assertThat(authorize(order, token, 2500).statusCode()).as("same order, other amount").isEqualTo(409);
        assertThatJson(http.post("/payments/" + order + "/capture", "").body()).has("status", "CAPTURED");
        assertThatJson(http.post("/payments/" + order + "/capture", "").body()).has("status", "CAPTURED");
        assertThatJson(http.post("/payments/" + order + "/cancel", "").body()).has("status", "REFUNDED");
        assertThatJson(http.post("/payments/" + order + "/cancel", "").body()).has("status", "REFUNDED");

        String voided = "order-" + UUID.randomUUID();
        authorize(voided, token, 500);
        assertThatJson(http.post("/payments/" + voided + "/cancel", "").body()).has("status", "VOIDED");
        assertThat(http.post("/payments/" + voided + "/capture", "").statusCode()).isEqualTo(409);
    }

    @Test
    void testCardsDeclineWithAReason() {
        HttpResponse<String> declined = authorize("order-" + UUID.randomUUID(), token("4000 0000 0000 0002"), 100);
        assertThat(declined.statusCode()).isEqualTo(200);
        assertThatJson(declined.body()).has("status", "DECLINED").containsText("card declined");
        String poor = "order-" + UUID.randomUUID();
        assertThatJson(authorize(poor, token("4000 0000 0000 9995"), 100).body()).has("status", "DECLINED").containsText("insufficient funds");
        assertThat(http.post("/payments/" + poor + "/capture", "").statusCode()).isEqualTo(409);
    }

    @Test
    void aProcessorThatDoesNotAnswerFailsThePaymentInsteadOfHangingTheCaller() {
        String order = "order-" + UUID.randomUUID();
        long started = System.nanoTime();
        HttpResponse<String> response = authorize(order, token("4000 0000 0000 0119"), 100);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
        assertThat(millis).as("answered after the 1 s processor timeout, not the 3 s hang").isLessThan(2_900);
        assertThatJson(http.get("/payments/" + order).body()).has("status", "FAILED");
        assertThatJson(http.post("/payments/" + order + "/cancel", "").body()).has("status", "FAILED");
    }

    @Test
    void captureAndCancelAnswerWithinTheProcessorTimeoutAndHoldNoLockWhileTheyWait() throws Exception {
        String order = "order-" + UUID.randomUUID();
        assertThatJson(authorize(order, token("4000 0000 0000 0259"), 100).body()).has("status", "AUTHORIZED");
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> capture = CompletableFuture.supplyAsync(
                () -> http.post("/payments/" + order + "/capture", ""));
        HttpResponse<String> cancel = http.post("/payments/" + order + "/cancel", "");
        long cancelMillis = (System.nanoTime() - started) / 1_000_000;
        HttpResponse<String> captured = capture.get();
        long captureMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(504);
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(504);
        assertThat(captureMillis).as("capture answered after the 1 s processor timeout, not the 3 s hang").isLessThan(2_900);
        assertThat(cancelMillis).as("cancel did not wait for the capture's processor call").isLessThan(2_900);
        assertThatJson(http.get("/payments/" + order).body()).as("nothing recorded that did not happen")
                .has("status", "AUTHORIZED");
    }

    @Test
    void aCancelThatComesFirstRefusesTheLateAuthorization() {
        String order = "order-" + UUID.randomUUID();
        assertThatJson(http.post("/payments/" + order + "/cancel", "").body()).has("status", "VOIDED");
        assertThatJson(authorize(order, token(VISA), 100).body()).has("status", "VOIDED");
    }

    @Test
    void tenConcurrentAuthorizationsOfOneOrderReachTheProcessorOnce() throws Exception {
        String token = token(VISA);
        String order = "order-" + UUID.randomUUID();
        double approvedBefore = approvedAuthorizations();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit(() -> {
                gate.join();
                return authorize(order, token, 777);
            }));
        }
        gate.complete(null);
        for (Future<HttpResponse<String>> r : results) {
            HttpResponse<String> response = r.get();
            // the winner and later callers see AUTHORIZED; a caller racing the winner is told it is in progress
            assertThat(response.statusCode() == 200 && response.body().contains("AUTHORIZED")
                    || response.statusCode() == 409 && response.body().contains("being authorized")).as(response.body()).isTrue();
        }
        pool.shutdown();
        assertThat(approvedAuthorizations() - approvedBefore).isEqualTo(1.0);
    }

    private static double approvedAuthorizations() {
        Matcher m = Pattern.compile("payments_authorizations_total\\{[^}]*outcome=\"approved\"[^}]*} ([0-9.E]+)")
                .matcher(http.get("/prometheus").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static HttpResponse<String> authorize(String order, String token, long amount) {
        return http.post("/payments", "{\"orderId\":\"" + order + "\",\"paymentMethod\":\"" + token + "\",\"amountMinor\":"
                + amount + ",\"currency\":\"EUR\"}");
    }

    private static String token(String number) {
        HttpResponse<String> created = http.post("/payment-methods", card(number));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(created.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String card(String number) {
        return "{\"number\":\"" + number + "\",\"expiryMonth\":12,\"expiryYear\":2031,\"cvc\":\"123\"}";
    }
}
