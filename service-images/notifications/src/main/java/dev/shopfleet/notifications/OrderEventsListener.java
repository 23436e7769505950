package dev.shopfleet.notifications;

import dev.shopfleet.contract.ShopTopic;
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
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
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
    private final OrderEventReader reader;
    private final NotificationService notifications;
    private static final TextMapGetter<ConsumerRecord<String, String>> TRACE_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<String, String> record) {
            return () -> Arrays.stream(record.headers().toArray()).map(Header::key).iterator();
        }

        @Override
        public String get(ConsumerRecord<String, String> record, String key) {
            Header header = record == null ? null : record.headers().lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };
    private final DeadLetters deadLetters;
    private final Tracer tracer;

    OrderEventsListener(OrderEventReader reader, NotificationService notifications, DeadLetters deadLetters,
                        OpenTelemetry openTelemetry) {
        this.reader = reader;
        this.notifications = notifications;
        this.deadLetters = deadLetters;
        this.tracer = openTelemetry.getTracer("notifications");
    }

    @Topic(ShopTopic.ORDER_EVENTS_NAME)
    void receive(ConsumerRecord<String, String> record) {
        Span span = tracer.spanBuilder(ShopTopic.ORDER_EVENTS_NAME + " process").setSpanKind(SpanKind.CONSUMER)
                .setParent(W3CTraceContextPropagator.getInstance().extract(Context.root(), record, TRACE_HEADERS))
                .startSpan();
        try (Scope scope = span.makeCurrent()) { // the handling joins the trace of the checkout that caused the event
            take(record);
        } catch (RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void take(ConsumerRecord<String, String> record) {
        OrderEvent event;
        try {
            event = reader.read(record.value());
        } catch (OrderEventReader.UnreadableEvent e) {
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
