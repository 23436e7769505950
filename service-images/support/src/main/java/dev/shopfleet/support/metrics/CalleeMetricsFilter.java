package dev.shopfleet.support.metrics;

import dev.shopfleet.contract.ShopMetric;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.support.ShopServiceUrls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every call to another service of the shop, timed by callee and outcome (its status class, or "error" when no answer
 * came): what tells an SRE which callee makes a checkout slow. Only the service's callees are recorded (a fetch of
 * users' keys is a call to users), so the labels stay within the call graph.
 */
@ClientFilter(ClientFilter.MATCH_ALL_PATTERN)
public class CalleeMetricsFilter {
    static final List<String> OUTCOMES = List.of("2xx", "3xx", "4xx", "5xx", "error");
    private static final String STARTED = CalleeMetricsFilter.class.getName() + ".started";
    private final Map<String, ShopService> callees;
    private final Map<ShopService, Map<String, Timer>> timers = new EnumMap<>(ShopService.class);

    CalleeMetricsFilter(ShopServiceUrls urls, MeterRegistry meters) {
        this.callees = urls.byAuthority();
        for (ShopService callee : callees.values()) {
            Map<String, Timer> byOutcome = new HashMap<>();
            for (String outcome : OUTCOMES) {
                byOutcome.put(outcome, Timer.builder(ShopMetric.CALLEE_REQUESTS_BUCKET.micrometerName())
                        .description("Calls to another service of the shop")
                        .tag(ShopMetric.CALLEE_LABEL, callee.id()).tag(ShopMetric.OUTCOME_LABEL, outcome)
                        .serviceLevelObjectives(ShopMetric.BUCKETS.toArray(Duration[]::new))
                        .register(meters));
            }
            timers.put(callee, byOutcome);
        }
    }

    @RequestFilter
    public void start(MutableHttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    public void record(HttpRequest<?> request, @Nullable HttpResponse<?> response, @Nullable Throwable failure) {
        ShopService callee = callees.get(authority(request.getUri()));
        Long started = request.getAttribute(STARTED, Long.class).orElse(null);
        if (callee == null || started == null) {
            return;
        }
        int status = response != null ? response.code()
                : failure instanceof HttpClientResponseException e ? e.code() : 0;
        String outcome = status >= 200 && status < 600 ? status / 100 + "xx" : "error"; // 1xx never ends a call
        timers.get(callee).get(outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private static String authority(URI uri) {
        return uri.getHost() + ":" + (uri.getPort() == -1 ? 80 : uri.getPort());
    }
}
