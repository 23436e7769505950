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
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * catalog counting its best sellers from orders' events on a real broker (service-images/broker on loopback), published
 * as orders publishes them (its credentials, its topic, its headers): a sale counts once however often it is delivered,
 * a rejected order and a version catalog does not read count nothing, and an unreadable event goes to catalog's
 * dead letters without holding up the sales behind it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
    @Order(1)
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

    /**
     * 200 generated events on one partition, a third of them sales (of products with names a tenant might type, quotes
     * and all) and the rest broken in one of the ways a careless or hostile producer could break them: every sale is
     * counted as it is, every broken one is a dead letter, and none holds up the events behind it.
     */
    @Test
    @Order(2)
    void generatedEventsAreCountedWhenWholeAndDeadLetteredWhenBrokenAndNoneHoldsUpTheRest() throws Exception {
        List<String> skus = List.of("FUZZ-1", "FUZZ-'; DROP TABLE product;--", "FUZZ-${shop.name}", "FUZZ-ünïcødé 茶",
                "FUZZ-%s%n");
        List<UnaryOperator<String>> breakages = List.of(
                e -> e.replaceFirst("\"eventId\":\"[^\"]*\",", ""),
                e -> e.replaceFirst("\"eventId\":\"[^\"]*\"", "\"eventId\":\"not-a-uuid\""),
                e -> e.replaceFirst("\"orderId\":\"[^\"]*\",", ""),
                e -> e.replaceFirst("\"quantity\":\\d+", "\"quantity\":0"),
                e -> e.replaceFirst("\"quantity\":\\d+", "\"quantity\":-7"),
                e -> e.replaceFirst("\"quantity\":\\d+", "\"quantity\":\"many\""),
                e -> e.replaceFirst("\"lines\":\\[\\{[^\\]]*\\}\\]", "\"lines\":[]"),
                e -> e.replaceFirst("\"sku\":\"[^\"]*\"", "\"sku\":\"\""),
                e -> e.replaceFirst("\"sku\":\"[^\"]*\"", "\"sku\":\"" + "X".repeat(40) + "\""),
                e -> e.substring(0, e.length() / 2),
                e -> "null",
                e -> "[]");
        Random random = new Random(20261206);
        double deadBefore = metric(ShopMetric.CATALOG_EVENTS_DEAD_LETTERED.prometheusName());
        String key = UUID.randomUUID().toString();
        Map<String, Long> sold = new TreeMap<>();
        int broken = 0;
        for (int i = 0; i < 200; i++) {
            String sku = skus.get(random.nextInt(skus.size()));
            int quantity = 1 + random.nextInt(5);
            String event = event(OrderEventType.ORDER_PLACED, UUID.randomUUID(), sku, quantity);
            if (random.nextInt(3) == 0) {
                sold.merge(sku, (long) quantity, Long::sum);
            } else {
                event = breakages.get(random.nextInt(breakages.size())).apply(event);
                broken++;
            }
            publish(key, OrderEventType.ORDER_PLACED, "1", event);
        }
        publish(key, OrderEventType.ORDER_PLACED, "1", event(OrderEventType.ORDER_PLACED, UUID.randomUUID(), "FUZZ-END", 1));

        Poll.until("the last event (behind 200 generated ones) to be counted", DEADLINE,
                () -> db.value("SELECT units_sold FROM product_sales WHERE sku = 'FUZZ-END'") != null, catalog::logTail);
        Map<String, Long> counted = new TreeMap<>();
        db.column("SELECT sku || '=' || units_sold FROM product_sales WHERE sku LIKE 'FUZZ-%' AND sku <> 'FUZZ-END'")
                .forEach(row -> counted.put(row.substring(0, row.lastIndexOf('=')), Long.parseLong(row.substring(row.lastIndexOf('=') + 1))));
        assertThat(counted).as("each sale counted as it is, the products' names as data").isEqualTo(sold);
        assertThat(metric(ShopMetric.CATALOG_EVENTS_DEAD_LETTERED.prometheusName())).as("each broken event, given up")
                .isEqualTo(deadBefore + broken);
        assertThat(http.get("/products?sort=bestselling").statusCode()).isEqualTo(200);
        System.out.printf("generated order events: %d sales counted, %d broken ones dead-lettered%n", 200 - broken, broken);
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
