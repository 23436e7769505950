package dev.shopfleet.support;

import dev.shopfleet.contract.ShopContract;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.HashMap;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
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

    @ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
    public static final class Server {
        @RequestFilter
        public void assign(HttpRequest<?> request, MutablePropagatedContext context) {
            String id = request.getHeaders().get(ShopContract.REQUEST_ID_HEADER);
            if (id == null || !SANE.matcher(id).matches()) {
                id = UUID.randomUUID().toString();
            }
            request.setAttribute(ATTRIBUTE, id);
            context.add(new MdcPropagationContext(Map.of(MDC_KEY, id)));
        }

        @ResponseFilter
        public void answer(HttpRequest<?> request, MutableHttpResponse<?> response) {
            request.getAttribute(ATTRIBUTE, String.class).ifPresent(id -> response.header(ShopContract.REQUEST_ID_HEADER, id));
        }

        public int getOrder() {
            return ServerFilterPhase.FIRST.order();
        }
    }

    /**
     * Once OpenTelemetry's filter has started the request's span, its trace and span ids join the request id in the
     * MDC: a log line leads to the trace, and the trace to every log line of it in every service.
     */
    @ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
    public static final class Trace {
        @RequestFilter
        public void note(MutablePropagatedContext context) {
            SpanContext span = Span.current().getSpanContext();
            if (!span.isValid()) {
                return;
            }
            Map<String, String> mdc = new HashMap<>(Map.of(TRACE_ID_KEY, span.getTraceId(), SPAN_ID_KEY, span.getSpanId()));
            context.getContext().find(MdcPropagationContext.class).ifPresentOrElse(before -> {
                mdc.putAll(before.state());
                context.replace(before, new MdcPropagationContext(mdc));
            }, () -> context.add(new MdcPropagationContext(mdc)));
        }

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
