package dev.shopfleet.support;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.OrderEventType;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** What every consumer of the shop's topics does with a record before its own work: its headers and its trace. */
public final class EventRecords {
    private static final TextMapGetter<ConsumerRecord<?, ?>> TRACE_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<?, ?> record) {
            return () -> Arrays.stream(record.headers().toArray()).map(Header::key).iterator();
        }

        @Override
        public String get(ConsumerRecord<?, ?> record, String key) {
            return record == null ? null : header(record, key).orElse(null);
        }
    };

    private EventRecords() {
    }

    /**
     * Whether the record says it is this type and version of event. A record that names another (a type this consumer
     * does not take, a version it cannot read) is passed over unread; one without a type header (written by hand) is
     * read, and its body decides. A missing version header is version 1, the first.
     */
    public static boolean mayBe(ConsumerRecord<?, ?> record, OrderEventType type) {
        Optional<String> typeName = header(record, BrokerContract.HEADER_EVENT_TYPE);
        if (typeName.isEmpty()) {
            return true;
        }
        String version = header(record, BrokerContract.HEADER_EVENT_VERSION).orElse("1");
        return typeName.get().equals(type.typeName()) && version.equals(Integer.toString(type.version()));
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** Runs the record's handling as a consumer span joined to the trace of the request that caused the event. */
    public static void process(Tracer tracer, ConsumerRecord<?, ?> record, Runnable handling) {
        Span span = tracer.spanBuilder(record.topic() + " process").setSpanKind(SpanKind.CONSUMER)
                .setParent(W3CTraceContextPropagator.getInstance().extract(Context.root(), record, TRACE_HEADERS))
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            handling.run();
        } catch (RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
