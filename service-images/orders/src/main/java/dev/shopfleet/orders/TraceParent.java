package dev.shopfleet.orders;

import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An event's place in its trace, kept with it in the outbox as a W3C traceparent: written with the event, made the
 * current context again when the relay delivers it, so the delivery (and notifications' handling of it) joins the
 * checkout's trace.
 */
final class TraceParent {
    private static final String HEADER = "traceparent";
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceParent() {
    }

    /** The current span's traceparent, if a trace is under way. */
    static Optional<String> current() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return Optional.ofNullable(carrier.get(HEADER));
    }

    /** Makes the trace of {@code traceParent} current until the scope closes (no trace: an empty scope). */
    static Scope resume(@Nullable String traceParent) {
        if (traceParent == null) {
            return Scope.noop();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(HEADER, traceParent), MAP).makeCurrent();
    }
}
