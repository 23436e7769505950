package dev.shopfleet.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker as a shop runs it, on loopback: real Kafka, real SASL/SCRAM, the ACLs the contract implies. Who may write
 * and read is proven with requests that go through and requests that are refused.
 */
class BrokerTest {
    private static final String TOPIC = ShopTopic.ORDER_EVENTS.topicName();
    private static final String ORDERS_PASSWORD = "orders-password-" + UUID.randomUUID();
    private static final String NOTIFICATIONS_PASSWORD = "notifications-password-" + UUID.randomUUID();
    @TempDir
    Path dataDir;
    private Broker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theProducerWritesItsTopicAndEachConsumerReadsItInItsOwnGroup() throws Exception {
        BrokerSettings settings = settings(Map.of(ShopService.ORDERS, ORDERS_PASSWORD,
                ShopService.NOTIFICATIONS, NOTIFICATIONS_PASSWORD), 2, Duration.ofHours(24));
        broker = Broker.start(settings);

        send(settings, "orders", ORDERS_PASSWORD, TOPIC, "order-1", "placed");
        assertThat(read(settings, "notifications", NOTIFICATIONS_PASSWORD, "notifications", 1))
                .containsExactly("order-1=placed");
        try (Admin admin = Admin.create(settings.adminClientConfig())) {
            TopicDescription topic = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
            assertThat(topic.partitions()).hasSize(2);
            assertThat(admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, TOPIC))).all().get()
                    .values().iterator().next().get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .isEqualTo(Long.toString(Duration.ofHours(24).toMillis()));
        }
        assertThat(status(broker, "/health/readiness")).isEqualTo(200);
    }

    /** In a pod the advertised host is the broker's Service, which has no address before the broker is ready. */
    @Test
    void setsItselfUpWhileItsAdvertisedAddressLeadsNowhere() throws Exception {
        BrokerSettings settings = settings("no-address-yet.invalid", Map.of(ShopService.ORDERS, ORDERS_PASSWORD), 1,
                Duration.ofHours(1));
        broker = Broker.start(settings);
        assertThat(status(broker, "/health/readiness")).isEqualTo(200);
        try (Admin admin = Admin.create(settings.adminClientConfig())) {
            assertThat(admin.listTopics().names().get()).contains(TOPIC);
        }
    }

    @Test
    void nobodyDoesWhatTheContractDoesNotAllow() throws Exception {
        BrokerSettings settings = settings(Map.of(ShopService.ORDERS, ORDERS_PASSWORD,
                ShopService.NOTIFICATIONS, NOTIFICATIONS_PASSWORD), 1, Duration.ofHours(1));
        broker = Broker.start(settings);

        // a consumer may not write its topic (only its dead letters), a producer may not read, nobody reads in
        // another's group or makes a topic
        assertThatThrownBy(() -> send(settings, "notifications", NOTIFICATIONS_PASSWORD, TOPIC, "k", "forged"))
                .rootCause().isInstanceOfAny(TopicAuthorizationException.class, ClusterAuthorizationException.class);
        assertThatThrownBy(() -> read(settings, "orders", ORDERS_PASSWORD, "orders", 1))
                .isInstanceOfAny(TopicAuthorizationException.class, GroupAuthorizationException.class);
        assertThatThrownBy(() -> read(settings, "notifications", NOTIFICATIONS_PASSWORD, "analytics", 1))
                .isInstanceOf(GroupAuthorizationException.class);
        assertThatThrownBy(() -> send(settings, "orders", ORDERS_PASSWORD, "not-in-the-contract", "k", "v"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        // a wrong password, and a service the broker was given no password for, are not let in
        assertThatThrownBy(() -> send(settings, "orders", NOTIFICATIONS_PASSWORD, TOPIC, "k", "v"))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        assertThatThrownBy(() -> send(settings, "payments", ORDERS_PASSWORD, TOPIC, "k", "v"))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void aRestartKeepsTheEventsAndTakesTheUsersAsTheyAreNow() throws Exception {
        BrokerSettings first = settings(Map.of(ShopService.ORDERS, ORDERS_PASSWORD,
                ShopService.NOTIFICATIONS, NOTIFICATIONS_PASSWORD), 1, Duration.ofHours(1));
        broker = Broker.start(first);
        send(first, "orders", ORDERS_PASSWORD, TOPIC, "order-1", "placed");
        broker.close();

        // orders' password rotated, notifications disabled
        String rotated = "orders-rotated-" + UUID.randomUUID();
        BrokerSettings second = new BrokerSettings(first.dataDir(), first.advertisedHost(), first.clientPort(),
                first.controllerPort(), first.localPort(), first.healthPort(), first.adminPassword(), Map.of(ShopService.ORDERS, rotated),
                first.partitions(), first.retention());
        broker = Broker.start(second);
        send(second, "orders", rotated, TOPIC, "order-2", "placed");
        assertThatThrownBy(() -> send(second, "orders", ORDERS_PASSWORD, TOPIC, "k", "v"))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        assertThatThrownBy(() -> read(second, "notifications", NOTIFICATIONS_PASSWORD, "notifications", 1))
                .isInstanceOf(SaslAuthenticationException.class);
        Properties admin = second.adminClientConfig();
        assertThat(readAs(admin, "audit", 2)).containsExactly("order-1=placed", "order-2=placed");
    }

    @Test
    void settingsThatWouldBreakKafkasConfigurationAreRefused() {
        assertThatThrownBy(() -> settings(Map.of(ShopService.ORDERS, "has\"quote-and-is-long-enough"), 1, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHOP_BROKER_PASSWORD_ORDERS");
        assertThatThrownBy(() -> BrokerSettings.from(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHOP_BROKER_ADMIN_PASSWORD");
        assertThatThrownBy(() -> BrokerSettings.from(Map.of("SHOP_BROKER_ADMIN_PASSWORD", "admin-password-long-enough",
                "SHOP_BROKER_PARTITIONS", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHOP_BROKER_PARTITIONS");
    }

    private BrokerSettings settings(Map<ShopService, String> clients, int partitions, Duration retention) throws IOException {
        return settings("127.0.0.1", clients, partitions, retention);
    }

    private BrokerSettings settings(String advertisedHost, Map<ShopService, String> clients, int partitions, Duration retention)
            throws IOException {
        int[] ports = freePorts(4);
        return new BrokerSettings(dataDir, advertisedHost, ports[0], ports[1], ports[2], ports[3],
                "admin-" + UUID.randomUUID(), clients, partitions, retention);
    }

    /** Ports free at once: taken one after another, the system may hand the same just-closed port out twice. */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void send(BrokerSettings settings, String user, String password, String topic, String key, String value)
            throws ExecutionException, InterruptedException {
        Properties config = BrokerSettings.clientConfig("127.0.0.1:" + settings.clientPort(), user, password);
        config.put("max.block.ms", "10000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<String> read(BrokerSettings settings, String user, String password, String group, int count) {
        Properties config = BrokerSettings.clientConfig("127.0.0.1:" + settings.clientPort(), user, password);
        return readAs(config, group, count);
    }

    /** Reads the topic from its start until {@code count} events arrived; fails after 20 s. */
    private static List<String> readAs(Properties config, String group, int count) {
        config.put("group.id", group);
        config.put("auto.offset.reset", "earliest");
        List<String> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (events.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> event : consumer.poll(Duration.ofMillis(500))) {
                    events.add(event.key() + "=" + event.value());
                }
            }
        }
        return events;
    }

    private static int status(Broker broker, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + broker.healthPort() + path))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
