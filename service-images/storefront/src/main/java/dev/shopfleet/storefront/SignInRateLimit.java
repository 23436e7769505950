package dev.shopfleet.storefront;

import dev.shopfleet.support.ProblemJson;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logins and registrations per client (the address the ingress saw): a bucket of {@code perMinute} attempts that
 * refills continuously; an empty bucket answers 429 with Retry-After. One client guessing passwords or creating
 * accounts slows down only itself, and users' per-account lockout stays the last line, not the first.
 */
@ServerFilter(value = {"/login", "/register", "/api/login", "/api/users"}, methods = HttpMethod.POST)
public final class SignInRateLimit {
    private static final int MAX_CLIENTS = 50_000;
    private final double perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    SignInRateLimit(@Value("${storefront.sign-in.per-minute:20}") int perMinute) {
        this.perMinute = perMinute;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(b -> b.isFull(System.nanoTime()));
        }
        long waitSeconds = buckets.computeIfAbsent(client(request), k -> new Bucket(perMinute)).take(System.nanoTime());
        if (waitSeconds == 0) {
            return null;
        }
        return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(waitSeconds))
                .contentType(ProblemJson.CONTENT_TYPE).body(ProblemJson.problem(HttpStatus.TOO_MANY_REQUESTS,
                        "too many sign-in attempts from your address: try again in " + waitSeconds + " s", request.getPath()));
    }

    /** The ingress appends the address it saw to X-Forwarded-For; what a client wrote itself comes before that. */
    static String client(HttpRequest<?> request) {
        String forwarded = request.getHeaders().get("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
        }
        return request.getRemoteAddress().getAddress().getHostAddress();
    }

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long updated;

        Bucket(double perMinute) {
            this.capacity = perMinute;
            this.perNano = perMinute / 60e9;
            this.tokens = perMinute;
            this.updated = System.nanoTime();
        }

        /** 0 if an attempt may go ahead now, else the seconds until one may. */
        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano / 1e9);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * perNano);
            updated = now;
        }
    }
}
