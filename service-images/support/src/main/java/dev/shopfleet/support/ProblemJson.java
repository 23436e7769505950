package dev.shopfleet.support;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.MDC;

/**
 * Every error a service answers is RFC 9457 {@code application/problem+json} with a detail a person can
 * act on. Server errors say only that something failed and which request it was (the log has the rest).
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemJson implements JsonErrorResponseBodyProvider<Map<String, Object>> {
    public static final String CONTENT_TYPE = "application/problem+json";

    @Override
    public Map<String, Object> body(ErrorContext context, HttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        Map<String, Object> problem = problem(status, null, context.getRequest().getPath());
        String requestId = context.getRequest().getAttribute(RequestIdFilter.ATTRIBUTE, String.class)
                .orElse(MDC.get(RequestIdFilter.MDC_KEY));
        if (response.code() >= 500 && status != HttpStatus.SERVICE_UNAVAILABLE && status != HttpStatus.GATEWAY_TIMEOUT) {
            problem.put("detail", "The request failed on our side; quote request id " + requestId + ".");
        } else {
            List<Error> errors = context.getErrors();
            String detail = errors.stream().map(Error::getMessage).collect(Collectors.joining("; "));
            problem.put("detail", detail.isBlank() ? status.getReason() : detail);
            if (errors.size() > 1 || errors.stream().anyMatch(e -> e.getPath().isPresent())) {
                problem.put("errors", errors.stream().map(e -> Map.of(
                        "detail", e.getMessage(), "pointer", e.getPath().orElse(""))).toList());
            }
        }
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        return problem;
    }

    /** A problem body (RFC 9457) with the members every error has; callers add what they know. */
    public static Map<String, Object> problem(HttpStatus status, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReason());
        problem.put("status", status.getCode());
        problem.put("detail", detail);
        problem.put("instance", instance);
        return problem;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }
}
