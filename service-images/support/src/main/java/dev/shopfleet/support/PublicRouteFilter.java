package dev.shopfleet.support;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.regex.Pattern;

/**
 * The gateway's operational endpoints (health details, metrics, the API description) answer the kubelet, the
 * monitoring namespace and the other services, which reach the pod directly, but not shoppers: a request that came
 * through the ingress controller (it always adds X-Forwarded-For, which a client cannot remove) gets 404 for them.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "shop.gateway", value = "true")
public final class PublicRouteFilter {
    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Pattern OPERATIONAL = Pattern.compile("/health(/.*)?|/prometheus|/swagger(/.*)?|/about");

    @RequestFilter
    @Nullable
    public HttpResponse<?> hideOperationalEndpoints(HttpRequest<?> request) {
        if (request.getHeaders().contains(FORWARDED_FOR) && OPERATIONAL.matcher(request.getPath()).matches()) {
            return HttpResponse.status(HttpStatus.NOT_FOUND).contentType(ProblemJson.CONTENT_TYPE)
                    .body(ProblemJson.problem(HttpStatus.NOT_FOUND, "no such page", request.getPath()));
        }
        return null;
    }

    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }
}
