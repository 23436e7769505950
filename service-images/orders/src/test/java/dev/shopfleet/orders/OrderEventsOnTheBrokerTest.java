package dev.shopfleet.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.OrderEventType;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.testkit.BrokerProcess;
import dev.shopfleet.testkit.EventSchemas;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.Poll;
import dev.shopfleet.testkit.PostgresServer;
import dev.shopfleet.testkit.ServiceProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * orders' outbox relay on a real broker (service-images/broker as a process on loopback, SASL/SCRAM and the contract's
 * ACLs): every order's end (OrderPlaced, OrderRejected) is on the topic once, keyed by the order, with its id, type,
 * version and trace, and as its schema in the contract says; a
 * broker that dies takes nothing with it, as checkout goes on and the outbox delivers once it is back.
 */
class OrderEventsOnTheBrokerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SagaCallees CALLEES = new SagaCallees();
    private static BrokerProcess broker;
    private static ServiceProcess orders;
    private static Http http;

    @BeforeAll
    static void start() {
        broker = BrokerProcess.start();
        var db = PostgresServer.shared().createDatabase("orders_broker_test");
        Map<String, String> env = new HashMap<>(db.env());
        env.putAll(CALLEES.env());
        env.putAll(broker.clientEnv(ShopService.ORDERS));
        env.put("ORDERS_OUTBOX_POLL", "100ms");
        env.put("ORDERS_OUTBOX_MAX_BACKOFF", "1s");
        orders = ServiceProcess.start(ShopService.ORDERS, env);
        http = orders.http();
    }

    @AfterAll
    static void stop() {
        orders.close();
        broker.close();
        CALLEES.close();
    }

    @Test
    void everyOrderThatEndsIsPublishedOnceKeyedByItsIdWithItsEventIdTypeVersionAndTraceAsItsSchemaSays() throws Exception {
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(checkout("CONFIRMED"));
        }
        CALLEES.inventory.answer("POST /reservations", 409, "{\"detail\":\"TEA-1: only 1 left\"}");
        String rejected;
        try {
            rejected = checkout("REJECTED_OUT_OF_STOCK");
        } finally {
            CALLEES.everyOneSaysYes();
        }
        List<String> ended = new ArrayList<>(placed);
        ended.add(rejected);
        List<ConsumerRecord<String, String>> events = eventsFor(ended);
        assertThat(events).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(ended);
        for (ConsumerRecord<String, String> event : events) {
            JsonNode body = JSON.readTree(event.value());
            OrderEventType type = OrderEventType.of(BrokerProcess.header(event, BrokerContract.HEADER_EVENT_TYPE),
                    Integer.parseInt(BrokerProcess.header(event, BrokerContract.HEADER_EVENT_VERSION))).orElseThrow();
            assertThat(type).isEqualTo(event.key().equals(rejected) ? OrderEventType.ORDER_REJECTED : OrderEventType.ORDER_PLACED);
            assertThat(EventSchemas.violations(type, event.value())).as(event.value()).isEmpty();
            assertThat(body.get("orderId").asText()).isEqualTo(event.key());
            assertThat(BrokerProcess.header(event, BrokerContract.HEADER_EVENT_ID)).isEqualTo(body.get("eventId").asText());
            assertThat(BrokerProcess.header(event, BrokerContract.HEADER_TRACEPARENT)).as("the checkout's trace").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        }
        JsonNode rejection = JSON.readTree(events.stream().filter(e -> e.key().equals(rejected)).findFirst().orElseThrow().value());
        assertThat(rejection.get("outcome").asText()).isEqualTo("REJECTED_OUT_OF_STOCK");
        assertThat(rejection.get("reason").asText()).contains("only 1 left");
        assertThat(http.get("/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void aBrokerThatDiesLosesNothingCheckoutGoesOnAndTheOutboxDeliversOnceItIsBack() throws Exception {
        broker.kill();
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(checkout("CONFIRMED")); //: the events wait in the outbox
        }
        assertThat(http.get(ShopContract.READINESS_PATH).statusCode()).as("orders stays ready without its broker").isEqualTo(200);
        Poll.until("the events to wait in the outbox", Duration.ofSeconds(30), () -> metric("orders_outbox_backlog") >= 1,
                orders::logTail);

        broker.restart();
        List<ConsumerRecord<String, String>> events = eventsFor(placed);
        assertThat(events).extracting(ConsumerRecord::key).containsAll(placed);
        Poll.until("the outbox to be empty", Duration.ofSeconds(60), () -> metric("orders_outbox_backlog") == 0, orders::logTail);
    }

    /** Every event on the topic of the given orders, once one of each is there. */
    private static List<ConsumerRecord<String, String>> eventsFor(List<String> orderIds) {
        return of(broker.read(ShopTopic.ORDER_EVENTS.topicName(), records -> of(records, orderIds).stream()
                .map(ConsumerRecord::key).distinct().count() == orderIds.size(), Duration.ofSeconds(60)), orderIds);
    }

    private static List<ConsumerRecord<String, String>> of(List<ConsumerRecord<String, String>> records, List<String> orderIds) {
        return records.stream().filter(r -> orderIds.contains(r.key())).toList();
    }

    private static String checkout(String expectedStatus) throws Exception {
        HttpResponse<String> placed = http.post("/orders", SagaCallees.CARD, "Authorization", CALLEES.shopper(),
                ShopContract.IDEMPOTENCY_KEY_HEADER, UUID.randomUUID().toString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = JSON.readTree(placed.body());
        assertThat(order.get("status").asText()).isEqualTo(expectedStatus);
        return order.get("id").asText();
    }

    private static double metric(String name) {
        return http.get("/prometheus").body().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
