package dev.shopfleet.catalog;

import dev.shopfleet.contract.OrderEventType;
import dev.shopfleet.contract.ShopTopic;
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
 * Counts what sold from orders' OrderPlaced events, in catalog's own consumer group. An event it cannot read, or
 * cannot count after its retries (its database away for half an hour), is passed over: counted as skipped and logged
 * with its offset, where it stays on the topic for the retention period to be read again. The best sellers are a
 * ranking, so one missed order is not worth holding up the orders behind it.
 */
@KafkaListener(groupId = "catalog", // ShopTopic.consumerGroup(CATALOG): the broker's ACLs name it
        offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "2s", retryCount = 900))
@Requires(property = "shop.broker.enabled", value = "true")
public class SalesListener implements KafkaListenerExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SalesListener.class);
    private final EventReader reader;
    private final BestSellers bestSellers;
    private final Tracer tracer;

    SalesListener(EventReader reader, BestSellers bestSellers, OpenTelemetry openTelemetry) {
        this.reader = reader;
        this.bestSellers = bestSellers;
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
            skip(record, e.getMessage());
        }
    }

    @Override
    public void handle(KafkaListenerException exception) {
        exception.getConsumerRecord().ifPresentOrElse(record -> skip(record, String.valueOf(exception.getCause())),
                () -> LOG.error("order events could not be counted", exception));
    }

    private void skip(ConsumerRecord<?, ?> record, String reason) {
        bestSellers.skipped();
        LOG.error("order event at {}-{} offset {} not counted in the best sellers: {}", record.topic(), record.partition(),
                record.offset(), reason);
    }
}
