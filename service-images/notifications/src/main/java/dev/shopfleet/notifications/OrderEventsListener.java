package dev.shopfleet.notifications;

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
 * Takes orders' events from the shop's broker, in notifications' own consumer group (the broker lets it read in no
 * other). An event is taken once: the inbox keeps its id, so a redelivery sends nothing. An event it cannot read is
 * poison: it goes to the dead letters at once and the partition moves on. An event it cannot take now (its database
 * away) is tried again every {@value #RETRY_DELAY} for about half an hour, and only then given up to the dead letters,
 * where it waits to be replayed.
 */
@KafkaListener(groupId = "notifications", // ShopTopic.consumerGroup(NOTIFICATIONS): the broker's ACLs name it
        offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = OrderEventsListener.RETRY_DELAY,
                retryCount = 900))
@Requires(property = "shop.broker.enabled", value = "true")
public class OrderEventsListener implements KafkaListenerExceptionHandler {
    static final String RETRY_DELAY = "2s";
    private static final Logger LOG = LoggerFactory.getLogger(OrderEventsListener.class);
    private final EventReader reader;
    private final NotificationService notifications;
    private final DeadLetterTopic deadLetters;
    private final Tracer tracer;

    OrderEventsListener(EventReader reader, NotificationService notifications, DeadLetterTopic deadLetters,
                        OpenTelemetry openTelemetry) {
        this.reader = reader;
        this.notifications = notifications;
        this.deadLetters = deadLetters;
        this.tracer = openTelemetry.getTracer("notifications");
    }

    @Topic(ShopTopic.ORDER_EVENTS_NAME)
    void receive(ConsumerRecord<String, String> record) {
        EventRecords.process(tracer, record, () -> take(record)); // joins the trace of the checkout that caused it
    }

    private void take(ConsumerRecord<String, String> record) {
        if (!EventRecords.mayBe(record, OrderEventType.ORDER_PLACED)) {
            return; // an event it sends no e-mail for, or a version it does not read: passed over, not a dead letter
        }
        OrderEvent event;
        try {
            event = reader.read(record.value(), OrderEvent.class);
        } catch (EventReader.UnreadableEvent e) {
            deadLetters.add(record, e.getMessage());
            return;
        }
        notifications.accept(event);
    }

    /** Called once the retries are spent: the event waits in the dead letters, and the partition moves on. */
    @Override
    public void handle(KafkaListenerException exception) {
        exception.getConsumerRecord().ifPresentOrElse(
                record -> deadLetters.add(record, String.valueOf(exception.getCause())),
                () -> LOG.error("order events could not be taken", exception));
    }
}
