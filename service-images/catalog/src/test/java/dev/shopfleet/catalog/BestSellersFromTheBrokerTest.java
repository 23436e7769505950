package dev.shopfleet.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.OrderEventType;
import dev.shopfleet.contract.ShopMetric;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.support.DeadLetterTopic;
import dev.shopfleet.testkit.BrokerProcess;
import dev.shopfleet.testkit.EventSchemas;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.Poll;
import dev.shopfleet.testkit.PostgresServer;
import dev.shopfleet.testkit.ServiceProcess;
import dev.shopfleet.testkit.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * catalog counting its best sellers from orders' events on a real broker (service-images/broker on loopback), published
 * as orders publishes them (its credentials, its topic, its headers): a sale counts once however often it is delivered,
 * a rejected order and a version catalog does not read count nothing, and an unreadable event goes to catalog's
 * dead letters without holding up the sales behind it.
 */
class BestSellersFromTheBrokerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static BrokerProcess broker;
    private static PostgresServer.Database db;
    private static TestTokens tokens;
    private static ServiceProcess catalog;
    private static Http http;
    private static KafkaProducer<String, String> orders;

    @BeforeAll
    static void start() {
        broker = BrokerProcess.start();
        db = PostgresServer.shared().createDatabase("catalog_broker_test");
        tokens = new TestTokens();
        catalog = ServiceProcess.start(ShopService.CATALOG,
                ServiceProcess.merge(List.of(db.env(), tokens.env(), broker.clientEnv(ShopService.CATALOG))));
        http = catalog.http();
        orders = new KafkaProducer<>(broker.clientConfig(ShopService.ORDERS), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        orders.close();
        catalog.close();
        tokens.close();
        broker.close();
    }

    @Test
    void aSaleCountsOnceARejectionAndAnUnknownVersionNothingAndAnUnreadableEventIsADeadLetterThatHoldsUpNothing() throws Exception {
        double deadBefore = metric(ShopMetric.CATALOG_EVENTS_DEAD_LETTERED.prometheusName());
        String key = UUID.randomUUID().toString(); // one key, one partition: the last sale is taken after all the rest
        UUID twice = UUID.randomUUID();
        publish(key, OrderEventType.ORDER_PLACED, "1", event(OrderEventType.ORDER_PLACED, twice, "TEA-SEN-100", 3));
        publish(key, OrderEventType.ORDER_PLACED, "1", event(OrderEventType.ORDER_PLACED, twice, "TEA-SEN-100", 3));
        publish(key, OrderEventType.ORDER_PLACED, "1", event(OrderEventType.ORDER_PLACED, UUID.randomUUID(), "COF-DEC-250", 5));
        publish(key, OrderEventType.ORDER_REJECTED, "1", event(OrderEventType.ORDER_REJECTED, UUID.randomUUID(), "TEA-EAR-100", 50));
        publish(key, OrderEventType.ORDER_PLACED, "2", event(OrderEventType.ORDER_PLACED, UUID.randomUUID(), "TEA-EAR-100", 40));
        orders.send(new ProducerRecord<>(ShopTopic.ORDER_EVENTS.topicName(), key, "not json {")).get();
        publish(key, OrderEventType.ORDER_PLACED, "1", event(OrderEventType.ORDER_PLACED, UUID.randomUUID(), "COF-COL-1000", 1));

        Poll.until("the last sale (behind the others and the poison) to be counted", DEADLINE,
                () -> db.value("SELECT units_sold FROM product_sales WHERE sku = 'COF-COL-1000'") != null, catalog::logTail);
        assertThat(db.column("SELECT sku || '=' || units_sold FROM product_sales ORDER BY sku"))
                .as("units sold: the same event twice counts once; a rejection and version 2 count nothing")
                .containsExactly("COF-COL-1000=1", "COF-DEC-250=5", "TEA-SEN-100=3");
        String bestSelling = http.get("/products?sort=bestselling&size=3").body();
        assertThat(bestSelling.indexOf("COF-DEC-250")).as(bestSelling).isNotNegative()
                .isLessThan(bestSelling.indexOf("TEA-SEN-100"));
        assertThat(bestSelling.indexOf("TEA-SEN-100")).isLessThan(bestSelling.indexOf("COF-COL-1000"));
        assertThat(metric(ShopMetric.CATALOG_EVENTS_DEAD_LETTERED.prometheusName())).as("the poison, given up")
                .isEqualTo(deadBefore + 1);
        List<ConsumerRecord<String, String>> letters = broker.read(ShopTopic.CATALOG_DEAD_LETTERS.topicName(),
                records -> records.stream().anyMatch(r -> key.equals(r.key())), DEADLINE);
        assertThat(letters).filteredOn(r -> key.equals(r.key())).singleElement().satisfies(letter -> {
            assertThat(letter.value()).isEqualTo("not json {");
            assertThat(BrokerProcess.header(letter, DeadLetterTopic.REASON_HEADER)).contains("not an event SoldOrder reads");
        });
    }

    /** One order of {@code quantity} of one product, as orders writes it; held to its schema so the test sends real events. */
    private static String event(OrderEventType type, UUID eventId, String sku, int quantity) {
        String json = """
                {"eventId":"%s","type":"%s","version":%d,"occurredAt":"2026-12-06T18:00:00Z","orderId":"%s",\
                "email":"ada@shop.test","name":"Ada","lines":[{"sku":"%s","name":"A product","quantity":%d,\
                "unitPriceMinor":450}],"totalMinor":%d,"currency":"EUR"%s}""".formatted(eventId, type.typeName(),
                type.version(), UUID.randomUUID(), sku, quantity, 450 * quantity,
                type == OrderEventType.ORDER_REJECTED ? ",\"outcome\":\"PAYMENT_DECLINED\",\"reason\":\"declined\"" : "");
        assertThat(EventSchemas.violations(type, json)).as(json).isEmpty();
        return json;
    }

    private static void publish(String key, OrderEventType type, String version, String json) throws Exception {
        var record = new ProducerRecord<String, String>(ShopTopic.ORDER_EVENTS.topicName(), key, json);
        record.headers().add(BrokerContract.HEADER_EVENT_TYPE, type.typeName().getBytes(StandardCharsets.UTF_8));
        record.headers().add(BrokerContract.HEADER_EVENT_VERSION, version.getBytes(StandardCharsets.UTF_8));
        orders.send(record).get();
    }

    private static double metric(String name) {
        return http.get("/prometheus").body().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
