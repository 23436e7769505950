package dev.shopfleet.broker;

import dev.shopfleet.contract.BrokerContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A shop's events by hand, as one client of its broker (the user and password in BrokerContract's client variables,
 * as a service gets them): {@code publish TOPIC KEY VALUE} writes one event, {@code read TOPIC [MAX]} prints a topic's
 * events from its start, one per line. What the broker refuses is printed with Kafka's reason and exits 1, so the
 * same command shows what a client may and may not do. Shipped in the broker's image:
 * {@code java -cp @/app/jib-classpath-file dev.shopfleet.broker.EventsTool read notifications-dead-letters}.
 */
public final class EventsTool {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private EventsTool() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        try {
            Properties config = BrokerSettings.clientConfig(require(env, BrokerContract.ENV_BOOTSTRAP_SERVERS),
                    require(env, BrokerContract.ENV_USERNAME), require(env, BrokerContract.ENV_PASSWORD));
            switch (args.length > 0 ? args[0] : "") {
                case "publish" -> publish(config, argument(args, 1), argument(args, 2), argument(args, 3));
                case "read" -> read(config, argument(args, 1), args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE);
                default -> throw new IllegalArgumentException("usage: EventsTool publish TOPIC KEY VALUE | read TOPIC [MAX]");
            }
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.out.println("refused: " + cause.getClass().getName() + ": " + cause.getMessage());
            System.exit(1);
        }
    }

    private static void publish(Properties config, String topic, String key, String value) throws Exception {
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis() / 2));
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            var written = producer.send(new ProducerRecord<>(topic, key, value)).get();
            System.out.println("published: " + topic + "-" + written.partition() + "@" + written.offset());
        }
    }

    private static void read(Properties config, String topic, int max) {
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            int printed = 0;
            while (printed < max && partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < ends.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (printed++ < max) {
                        System.out.println(describe(record));
                    }
                }
            }
        }
    }

    private static String describe(ConsumerRecord<String, String> record) {
        StringBuilder line = new StringBuilder(record.topic() + "-" + record.partition() + "@" + record.offset()
                + " key=" + record.key());
        for (Header header : record.headers()) {
            line.append(' ').append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8));
        }
        return line.append(" value=").append(record.value()).toString();
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }

    private static String argument(String[] args, int index) {
        if (args.length <= index) {
            throw new IllegalArgumentException("usage: EventsTool publish TOPIC KEY VALUE | read TOPIC [MAX]");
        }
        return args[index];
    }
}
