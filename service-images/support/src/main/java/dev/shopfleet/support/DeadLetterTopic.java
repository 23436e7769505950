package dev.shopfleet.support;

import dev.shopfleet.contract.ShopMetric;
import dev.shopfleet.contract.ShopTopic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.ProducerRegistry;
import io.micronaut.context.BeanProvider;
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
 * Events a consumer gave up on (unreadable, or failing after its retries): written to its dead-letter topic as they
 * came (key, value, headers) with the reason in a header, counted, and logged without their content (an event carries
 * a shopper's address), so the partition moves on and nothing is lost. A service makes one at start, so its counter
 * exists before the first dead letter (an alert never waits for it); the producer comes with the first dead letter, so a
 * shop without a broker needs none.
 */
public final class DeadLetterTopic {
    public static final String REASON_HEADER = "dead-letter-reason";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterTopic.class);
    private final ShopTopic topic;
    private final BeanProvider<ProducerRegistry> producers;
    private final Counter deadLettered;

    public DeadLetterTopic(ShopTopic topic, ShopMetric counter, BeanProvider<ProducerRegistry> producers, MeterRegistry meters) {
        this.topic = topic;
        this.producers = producers;
        this.deadLettered = Counter.builder(counter.micrometerName())
                .description("Events given up to the dead-letter topic " + topic.topicName()).register(meters);
    }

    public void add(ConsumerRecord<?, ?> record, String reason) {
        var letter = new ProducerRecord<>(topic.topicName(), null, text(record.key()), text(record.value()), record.headers());
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
        LOG.error("event at {}-{} offset {} given up to {}: {}", record.topic(), record.partition(), record.offset(),
                letter.topic(), reason);
    }

    /** Listeners read keys and values as strings (a missing one stays missing). */
    private static String text(Object keyOrValue) {
        return keyOrValue == null ? null : keyOrValue.toString();
    }
}
