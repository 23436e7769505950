package dev.shopfleet.support;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Workload identity on the wire: a service refuses a call whose caller is not proven (401) or not one of its callers
 * in the call graph (403), and presents its own token for the callee on every call it makes. The storefront is the
 * shoppers' entry point and takes calls from anyone; health, metrics, the API description and users' public keys
 * are open to whoever can reach them.
 */
public final class WorkloadIdentityFilter {
    private static final Pattern OPEN_PATHS = Pattern.compile(
            "/health(/.*)?|/prometheus|/swagger/.*|/about|" + Pattern.quote(ShopContract.USERS_KEYS_PATH));

    private WorkloadIdentityFilter() {
    }

    @ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
    public static final class Server {
        private final WorkloadIdentity identity;
        private final boolean open;

        Server(WorkloadIdentity identity, @Value("${shop.service}") String self) {
            this.identity = identity;
            this.open = ShopService.fromId(self).isGateway();
        }

        @RequestFilter
        @Nullable
        public HttpResponse<?> check(HttpRequest<?> request) {
            if (open || OPEN_PATHS.matcher(request.getPath()).matches()) {
                return null;
            }
            var verdict = identity.verify(request.getHeaders().get(ShopContract.WORKLOAD_TOKEN_HEADER));
            return verdict.caller().isPresent() ? null
                    : HttpResponse.status(verdict.status()).contentType(ProblemJson.CONTENT_TYPE)
                            .body(ProblemJson.problem(verdict.status(), verdict.reason(), request.getPath()));
        }

        public int getOrder() {
            return ServerFilterPhase.SECURITY.before();
        }
    }

    @ClientFilter(ClientFilter.MATCH_ALL_PATTERN)
    public static final class Client {
        private final WorkloadIdentity identity;
        private final Map<String, ShopService> callees;

        Client(WorkloadIdentity identity, ShopServiceUrls urls) {
            this.identity = identity;
            this.callees = urls.byAuthority();
        }

        @RequestFilter
        public void present(MutableHttpRequest<?> request) {
            URI uri = request.getUri();
            Optional.ofNullable(callees.get(uri.getHost() + ":" + (uri.getPort() == -1 ? 80 : uri.getPort())))
                    .flatMap(identity::tokenFor)
                    .ifPresent(token -> request.header(ShopContract.WORKLOAD_TOKEN_HEADER, token));
        }
    }
}
