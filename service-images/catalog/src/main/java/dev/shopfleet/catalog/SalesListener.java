package dev.shopfleet.catalog;

import dev.shopfleet.contract.OrderEventType;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.support.DeadLetterTopic;
import dev.shopfleet.support.EventReader;
import dev.shopfleet.support.EventRecords;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what sold from orders' OrderPlaced events, in catalog's own consumer group. An event it cannot read goes to
 * its dead letters at once; one it cannot count now (its database away) is tried again every 2 s for about half an
 * hour, and then given up to the dead letters too, so the orders behind it are counted meanwhile.
 */
@KafkaListener(groupId = "catalog", // ShopTopic.consumerGroup(CATALOG): the broker's ACLs name it
        offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "2s", retryCount = 900))
@Requires(property = "shop.broker.enabled", value = "true")
public class SalesListener implements KafkaListenerExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SalesListener.class);
    private final EventReader reader;
    private final BestSellers bestSellers;
    private final DeadLetterTopic deadLetters;
    private final Tracer tracer;

    SalesListener(EventReader reader, BestSellers bestSellers, DeadLetterTopic deadLetters, OpenTelemetry openTelemetry) {
        this.reader = reader;
        this.bestSellers = bestSellers;
        this.deadLetters = deadLetters;
        this.tracer = openTelemetry.getTracer("catalog");
    }

    @Topic(ShopTopic.ORDER_EVENTS_NAME)
    void receive(ConsumerRecord<String, String> record) {
        EventRecords.process(tracer, record, () -> take(record));
    }

    private void take(ConsumerRecord<String, String> record) {
        if (!EventRecords.mayBe(record, OrderEventType.ORDER_PLACED)) {
            return; // nothing sold
        }
        try {
            bestSellers.count(reader.read(record.value(), SoldOrder.class));
        } catch (EventReader.UnreadableEvent e) {
            deadLetters.add(record, e.getMessage());
        }
    }

    /** Called once the retries are spent: the event waits in the dead letters, and the partition moves on. */
    @Override
    public void handle(KafkaListenerException exception) {
        exception.getConsumerRecord().ifPresentOrElse(record -> deadLetters.add(record, String.valueOf(exception.getCause())),
                () -> LOG.error("order events could not be counted", exception));
    }
}
