package dev.shopfleet.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopMetric;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.testkit.BrokerProcess;
import dev.shopfleet.testkit.Http;
import dev.shopfleet.testkit.Poll;
import dev.shopfleet.testkit.PostgresServer;
import dev.shopfleet.testkit.ServiceProcess;
import dev.shopfleet.testkit.SmtpServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * notifications taking orders' events from a real broker (service-images/broker on loopback), published as orders
 * publishes them (its credentials, its topic): each event is one e-mail however often it comes, and an event that
 * cannot be read goes to the dead letters without holding up the events behind it.
 */
class OrderEventsFromTheBrokerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static BrokerProcess broker;
    private static SmtpServer smtp;
    private static ServiceProcess notifications;
    private static Http http;
    private static KafkaProducer<String, String> orders;

    @BeforeAll
    static void start() {
        broker = BrokerProcess.start();
        var db = PostgresServer.shared().createDatabase("notifications_broker_test");
        smtp = new SmtpServer();
        Map<String, String> env = new HashMap<>(db.env());
        env.putAll(smtp.env());
        env.putAll(broker.clientEnv(ShopService.NOTIFICATIONS));
        notifications = ServiceProcess.start(ShopService.NOTIFICATIONS, env);
        http = notifications.http();
        orders = new KafkaProducer<>(broker.clientConfig(ShopService.ORDERS), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        orders.close();
        notifications.close();
        smtp.stop();
        broker.close();
    }

    @Test
    void anOrderPlacedOnTheTopicSendsOneEmailHoweverOftenItIsDelivered() throws Exception {
        String recipient = "kafka-" + UUID.randomUUID() + "@example.test";
        UUID eventId = UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            publish(orderId, NotificationsServiceTest.event(eventId, orderId, recipient));
        }
        Poll.until("the e-mail to be sent", DEADLINE, () -> smtp.messagesTo(recipient).size() == 1, notifications::logTail);
        String marker = "after-" + UUID.randomUUID() + "@example.test"; // taken after the three copies
        publish(orderId, NotificationsServiceTest.event(UUID.randomUUID(), orderId, marker));
        Poll.until("the event behind them", DEADLINE, () -> smtp.messagesTo(marker).size() == 1, notifications::logTail);
        assertThat(smtp.messagesTo(recipient)).as("three deliveries of one event").hasSize(1);
        assertThat(http.post("/events", NotificationsServiceTest.event(UUID.randomUUID(), orderId, recipient)).statusCode())
                .as("with a broker there is no HTTP inbox").isEqualTo(404);
    }

    @Test
    void anEventThatCannotBeReadGoesToTheDeadLettersAndTheEventsBehindItAreTaken() throws Exception {
        String orderId = UUID.randomUUID().toString(); // one key: one partition, so the good event waits behind the bad
        double before = metric(ShopMetric.NOTIFICATIONS_DEAD_LETTERED.prometheusName());
        publish(orderId, "not json {");
        publish(orderId, "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"OrderPlaced\"}"); // no order in it
        String recipient = "behind-" + UUID.randomUUID() + "@example.test";
        publish(orderId, NotificationsServiceTest.event(UUID.randomUUID(), orderId, recipient));

        Poll.until("the event behind the poison to be sent", DEADLINE, () -> smtp.messagesTo(recipient).size() == 1,
                notifications::logTail);
        List<ConsumerRecord<String, String>> letters = deadLettersOf(orderId, 2);
        assertThat(letters.get(0).value()).isEqualTo("not json {");
        assertThat(letters.get(1).value()).contains("OrderPlaced").doesNotContain("orderId");
        assertThat(letters).allMatch(l -> l.headers().lastHeader("dead-letter-reason") != null);
        assertThat(metric(ShopMetric.NOTIFICATIONS_DEAD_LETTERED.prometheusName())).isEqualTo(before + 2);
        assertThat(http.get("/prometheus").body().lines().filter(l -> l.startsWith("kafka_consumer_") && l.contains("lag")))
                .as("the consumer's lag, for an alert").isNotEmpty();
    }

    private static void publish(String key, String value) throws Exception {
        orders.send(new ProducerRecord<>(ShopTopic.ORDER_EVENTS.topicName(), key, value)).get();
    }

    private static List<ConsumerRecord<String, String>> deadLettersOf(String key, int count) {
        return broker.read(ShopTopic.NOTIFICATIONS_DEAD_LETTERS.topicName(),
                records -> records.stream().filter(r -> key.equals(r.key())).count() >= count, DEADLINE)
                .stream().filter(r -> key.equals(r.key())).toList();
    }

    private static double metric(String name) {
        return http.get("/prometheus").body().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
