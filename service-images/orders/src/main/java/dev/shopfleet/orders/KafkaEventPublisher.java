package dev.shopfleet.orders;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.orders.Entities.OutboxEvent;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes order events to the shop's broker, keyed by order id (so one order's events stay in order on one
 * partition), with the event's id, type and trace context as headers. A send returns once the broker has the event
 * (acks=all, idempotent: a retried send is not written twice); until then the outbox keeps it.
 */
@Singleton
@Requires(property = "shop.broker.enabled", value = "true")
public class KafkaEventPublisher implements EventPublisher {
    static final String PRODUCER = "order-events";
    private final Producer<String, String> producer;
    private final Tracer tracer;

    KafkaEventPublisher(@KafkaClient(PRODUCER) Producer<String, String> producer, OpenTelemetry openTelemetry) {
        this.producer = producer;
        this.tracer = openTelemetry.getTracer("orders");
    }

    @Override
    public void publish(OutboxEvent event) {
        var record = new ProducerRecord<String, String>(ShopTopic.ORDER_EVENTS.topicName(), event.orderId().toString(),
                event.payload());
        record.headers().add(BrokerContract.HEADER_EVENT_ID, bytes(event.eventId().toString()));
        record.headers().add(BrokerContract.HEADER_EVENT_TYPE, bytes(event.type()));
        record.headers().add(BrokerContract.HEADER_EVENT_VERSION, bytes(Integer.toString(event.version())));
        // The relay has made the event's trace current: the publication is a span of it, and its consumers' parent.
        Span span = tracer.spanBuilder(record.topic() + " publish").setSpanKind(SpanKind.PRODUCER).startSpan();
        try (Scope scope = span.makeCurrent()) {
            TraceParent.current().ifPresent(parent -> record.headers().add(BrokerContract.HEADER_TRACEPARENT, bytes(parent)));
            producer.send(record).get();
        } catch (ExecutionException e) {
            span.recordException(e.getCause());
            throw new KafkaException("the broker did not take event " + event.eventId() + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while publishing event " + event.eventId(), e);
        } finally {
            span.end();
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
