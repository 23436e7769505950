package dev.shopfleet.inventory;

import static dev.shopfleet.testkit.JsonAssert.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.JsonAssert;
import dev.shopfleet.testkit.Poll;
import dev.shopfleet.testkit.PostgresServer;
import dev.shopfleet.testkit.ServiceProcess;
import dev.shopfleet.testkit.TestTokens;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** inventory as a real process on a real PostgreSQL. */
class InventoryServiceTest {
    private static PostgresServer.Database db;
    private static TestTokens tokens;
    private static ServiceProcess inventory;
    private static Http http;
    private static String admin;

    @BeforeAll
    static void start() {
        db = PostgresServer.shared().createDatabase("inventory_test");
        tokens = new TestTokens();
        inventory = ServiceProcess.start(ShopService.INVENTORY, ServiceProcess.merge(List.of(db.env(), tokens.env())));
        http = inventory.http();
        admin = Http.bearer(tokens.token("admin", List.of("admin")));
    }

    @AfterAll
    static void stop() {
        inventory.close();
        tokens.close();
    }

    @Test
    void fiftyConcurrentReservationsOnTenUnitsGiveExactlyTenSuccesses() throws Exception {
        assertThat(http.put("/stock/RACE-1", "{\"onHand\":10}", "Authorization", admin).statusCode()).isEqualTo(200);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CompletableFuture<Void> go = new CompletableFuture<>();
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String body = "{\"id\":\"race-" + i + "\",\"lines\":[{\"sku\":\"RACE-1\",\"quantity\":1}]}";
            results.add(pool.submit(() -> {
                go.join(); // all 50 leave the gate together
                return http.post("/reservations", body).statusCode();
            }));
        }
        go.complete(null);
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> r : results) {
            codes.add(r.get());
        }
        pool.shutdown();
        assertThat(codes.stream().filter(c -> c == 201)).hasSize(10);
        assertThat(codes.stream().filter(c -> c == 409)).hasSize(40);
        assertThatJson(http.get("/stock/RACE-1").body()).has("onHand", 10, "reserved", 10, "available", 0);
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM stock WHERE on_hand - reserved < 0")) {
            rs.next();
            assertThat(rs.getInt(1)).as("rows with negative availability").isZero();
        }
    }

    @Test
    void reserveCommitAndReleaseMoveStockOnceEvenWhenRetried() {
        http.put("/stock/LIFE-1", "{\"onHand\":5}", "Authorization", admin);
        String reserve = "{\"id\":\"order-1\",\"lines\":[{\"sku\":\"LIFE-1\",\"quantity\":2}]}";
        assertThat(http.post("/reservations", reserve).statusCode()).isEqualTo(201);
        assertThat(http.post("/reservations", reserve).statusCode()).as("a retry").isEqualTo(201);
        assertThatJson(http.get("/stock/LIFE-1").body()).has("reserved", 2);
        assertThat(http.post("/reservations/order-1/commit", "").statusCode()).isEqualTo(200);
        assertThat(http.post("/reservations/order-1/commit", "").statusCode()).as("a retried commit").isEqualTo(200);
        assertThatJson(http.get("/stock/LIFE-1").body()).has("onHand", 3, "reserved", 0);
        assertThat(http.post("/reservations/order-1/release", "").statusCode()).as("committed stock is gone").isEqualTo(409);

        http.post("/reservations", "{\"id\":\"order-2\",\"lines\":[{\"sku\":\"LIFE-1\",\"quantity\":3}]}");
        assertThat(http.post("/reservations/order-2/release", "").statusCode()).isEqualTo(200);
        assertThat(http.post("/reservations/order-2/release", "").statusCode()).isEqualTo(200);
        assertThatJson(http.get("/stock/LIFE-1").body()).has("onHand", 3, "reserved", 0, "available", 3);
    }

    @Test
    void aReservationIsAllOrNothing() {
        http.put("/stock/BOTH-A", "{\"onHand\":5}", "Authorization", admin);
        http.put("/stock/BOTH-B", "{\"onHand\":1}", "Authorization", admin);
        HttpResponse<String> r = http.post("/reservations",
                "{\"id\":\"order-3\",\"lines\":[{\"sku\":\"BOTH-A\",\"quantity\":2},{\"sku\":\"BOTH-B\",\"quantity\":2}]}");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("out of stock: BOTH-B");
        assertThatJson(http.get("/stock/BOTH-A").body()).has("reserved", 0);
        assertThat(http.get("/reservations/order-3").statusCode()).isEqualTo(404);
    }

    @Test
    void expiredReservationsReturnToStock() {
        http.put("/stock/EXP-1", "{\"onHand\":4}", "Authorization", admin);
        http.post("/reservations", "{\"id\":\"order-4\",\"ttlSeconds\":1,\"lines\":[{\"sku\":\"EXP-1\",\"quantity\":4}]}");
        assertThatJson(http.get("/stock/EXP-1").body()).has("available", 0);
        Poll.until("the expired reservation's stock back", Duration.ofSeconds(30),
                () -> JsonAssert.anyObjectHas(http.get("/stock/EXP-1").body(), "available", 4));
        assertThatJson(http.get("/stock/EXP-1").body()).has("available", 4);
        assertThatJson(http.get("/reservations/order-4").body()).has("status", "EXPIRED");
        assertThat(http.post("/reservations/order-4/commit", "").statusCode()).isEqualTo(409);
    }

    @Test
    void badRequestsAreProblems() {
        assertThat(http.post("/reservations", "{\"id\":\"x\",\"lines\":[]}").statusCode()).isEqualTo(400);
        assertThat(http.post("/reservations", "{\"id\":\"x\",\"lines\":[{\"sku\":\"A\",\"quantity\":0}]}").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = http.post("/reservations", "{\"id\":\"y\",\"lines\":[{\"sku\":\"NOPE\",\"quantity\":1}]}");
        assertThat(unknown.statusCode()).isEqualTo(409);
        assertThat(unknown.body()).contains("unknown SKU NOPE");
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(http.put("/stock/X-1", "{\"onHand\":1}").statusCode()).as("stock changes need an admin").isEqualTo(401);
        assertThatJson(http.get("/stock/COF-ESP-250").body()).as("demo stock").has("onHand", 40);
    }

    /** Found by ApiFuzzTest (schemathesis): each was a 500. */
    @Test
    void whatTheFuzzerFoundIsRefusedAsAProblem() {
        for (HttpResponse<String> r : List.of(
                http.get("/stock?sku=A%00B&sku=COF-ESP-250"), // PostgreSQL stores no NUL
                http.get("/stock/A%00B"),
                http.post("/reservations", "{\"id\":\"z\",\"lines\":[null],\"ttlSeconds\":1}"))) {
            assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        }
    }
}
