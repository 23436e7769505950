package dev.shopfleet.notifications;

import dev.shopfleet.contract.ShopMetric;
import dev.shopfleet.contract.ShopTopic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.ProducerRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.type.Argument;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order events notifications gave up on: written to its dead-letter topic as they came (key, value, headers) with the
 * reason in a header, counted, and logged without their content (an event carries a shopper's address). The counter
 * exists from the start, so an alert never waits for the first dead letter.
 */
@Context
public class DeadLetters {
    static final String REASON_HEADER = "dead-letter-reason";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private final BeanProvider<ProducerRegistry> producers;
    private final Counter deadLettered;

    /** The producers come from the registry when the first dead letter is written: a shop without a broker has none. */
    DeadLetters(BeanProvider<ProducerRegistry> producers, MeterRegistry meters) {
        this.producers = producers;
        this.deadLettered = Counter.builder(ShopMetric.NOTIFICATIONS_DEAD_LETTERED.micrometerName())
                .description("Order events given up to the dead-letter topic").register(meters);
    }

    void add(ConsumerRecord<?, ?> record, String reason) {
        var letter = new ProducerRecord<>(ShopTopic.NOTIFICATIONS_DEAD_LETTERS.topicName(), null, text(record.key()),
                text(record.value()), record.headers());
        letter.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        try {
            Producer<String, String> producer = producers.get().getProducer("dead-letters", Argument.STRING, Argument.STRING);
            producer.send(letter).get();
        } catch (ExecutionException e) {
            throw new KafkaException("the dead letter could not be written: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing a dead letter", e);
        }
        deadLettered.increment();
        LOG.error("order event at {}-{} offset {} given up to {}: {}", record.topic(), record.partition(), record.offset(),
                letter.topic(), reason);
    }

    /** The listener reads keys and values as strings (a missing one stays missing). */
    private static String text(Object keyOrValue) {
        return keyOrValue == null ? null : keyOrValue.toString();
    }
}
