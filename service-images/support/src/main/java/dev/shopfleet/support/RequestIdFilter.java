package dev.shopfleet.support;

import dev.shopfleet.contract.ShopContract;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.tracing.opentelemetry.OpenTelemetryPropagationContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id (the caller's, if it sent a sane one), puts it in the MDC so each JSON log line
 * about the request carries it, answers it in a header, and passes it on to the services this one calls.
 */
public final class RequestIdFilter {
    public static final String MDC_KEY = "requestId";
    public static final String TRACE_ID_KEY = "traceId";
    public static final String SPAN_ID_KEY = "spanId";
    public static final String ATTRIBUTE = "shop.requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIdFilter() {
    }

    /**
     * Runs right after OpenTelemetry's filter has started the request's span, so the span's trace and span ids join the
     * request id in the MDC: a log line leads to its trace, a trace to its log lines in every service.
     */
    @ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
    public static final class Server implements Ordered {
        @RequestFilter
        public void assign(HttpRequest<?> request, MutablePropagatedContext context) {
            String id = request.getHeaders().get(ShopContract.REQUEST_ID_HEADER);
            if (id == null || !SANE.matcher(id).matches()) {
                id = UUID.randomUUID().toString();
            }
            request.setAttribute(ATTRIBUTE, id);
            Map<String, String> mdc = new HashMap<>(Map.of(MDC_KEY, id));
            SpanContext span = context.getContext().find(OpenTelemetryPropagationContext.class)
                    .map(otel -> Span.fromContext(otel.context()).getSpanContext()).orElse(SpanContext.getInvalid());
            if (span.isValid()) {
                mdc.put(TRACE_ID_KEY, span.getTraceId());
                mdc.put(SPAN_ID_KEY, span.getSpanId());
            }
            context.add(new MdcPropagationContext(mdc));
        }

        @ResponseFilter
        public void answer(HttpRequest<?> request, MutableHttpResponse<?> response) {
            request.getAttribute(ATTRIBUTE, String.class).ifPresent(id -> response.header(ShopContract.REQUEST_ID_HEADER, id));
        }

        @Override
        public int getOrder() {
            return ServerFilterPhase.TRACING.after();
        }
    }

    @ClientFilter(ClientFilter.MATCH_ALL_PATTERN)
    public static final class Client {
        @RequestFilter
        public void propagate(MutableHttpRequest<?> request) {
            String id = MDC.get(MDC_KEY);
            if (id != null && !request.getHeaders().contains(ShopContract.REQUEST_ID_HEADER)) {
                request.header(ShopContract.REQUEST_ID_HEADER, id);
            }
        }
    }
}
