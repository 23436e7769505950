package dev.shopfleet.storefront;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.support.ProblemJson;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The shop's public API: {@code /api/...} routed to the services that own it. Only the routes listed here
 * are public; a service's internal endpoints (inventory's reservations, say) are not reachable through it.
 */
@Controller("/api")
@Secured(SecurityRule.IS_ANONYMOUS)
public class ApiGateway {
    record Route(HttpMethod method, Pattern path, ShopService service) {
    }

    static final List<Route> ROUTES = List.of(
            new Route(HttpMethod.GET, Pattern.compile("/products(/[A-Za-z0-9-]+)?"), ShopService.CATALOG),
            new Route(HttpMethod.PUT, Pattern.compile("/products/[A-Za-z0-9-]+"), ShopService.CATALOG),
            new Route(HttpMethod.GET, Pattern.compile("/categories"), ShopService.CATALOG),
            new Route(HttpMethod.POST, Pattern.compile("/users"), ShopService.USERS),
            new Route(HttpMethod.POST, Pattern.compile("/login"), ShopService.USERS),
            new Route(HttpMethod.GET, Pattern.compile("/users/me"), ShopService.USERS),
            new Route(HttpMethod.PUT, Pattern.compile("/users/me"), ShopService.USERS),
            new Route(null, Pattern.compile("/cart(/[A-Za-z0-9-]+)*"), ShopService.CART),
            new Route(HttpMethod.POST, Pattern.compile("/orders"), ShopService.ORDERS),
            new Route(HttpMethod.GET, Pattern.compile("/orders(/[0-9a-f-]{36})?"), ShopService.ORDERS),
            new Route(HttpMethod.GET, Pattern.compile("/checkout/availability"), ShopService.ORDERS));

    private final ProxyHttpClient proxy;
    private final Environment environment;

    ApiGateway(ProxyHttpClient proxy, Environment environment) {
        this.proxy = proxy;
        this.environment = environment;
    }

    @Operation(summary = "GET a route of the shop's public API: the service that owns it answers (404 for other paths)")
    @Get("/{+path}")
    public Publisher<MutableHttpResponse<?>> get(HttpRequest<?> request, @PathVariable String path) {
        return forward(request, path);
    }

    @Operation(summary = "POST a route of the shop's public API: the service that owns it answers (404 for other paths)")
    @Post("/{+path}")
    public Publisher<MutableHttpResponse<?>> post(HttpRequest<?> request, @PathVariable String path) {
        return forward(request, path);
    }

    @Operation(summary = "PUT a route of the shop's public API: the service that owns it answers (404 for other paths)")
    @Put("/{+path}")
    public Publisher<MutableHttpResponse<?>> put(HttpRequest<?> request, @PathVariable String path) {
        return forward(request, path);
    }

    @Operation(summary = "DELETE a route of the shop's public API: the service that owns it answers (404 for other paths)")
    @Delete("/{+path}")
    public Publisher<MutableHttpResponse<?>> delete(HttpRequest<?> request, @PathVariable String path) {
        return forward(request, path);
    }

    private Publisher<MutableHttpResponse<?>> forward(HttpRequest<?> request, String path) {
        String upstreamPath = "/" + path.replaceFirst("\\?.*", "");
        Optional<Route> route = ROUTES.stream().filter(r -> (r.method() == null || r.method() == request.getMethod())
                && r.path().matcher(upstreamPath).matches()).findFirst();
        if (route.isEmpty()) {
            return Mono.just(problem(HttpStatus.NOT_FOUND, "no API " + request.getMethod() + " /api" + upstreamPath, request));
        }
        ShopService service = route.get().service();
        Optional<String> base = environment.getProperty("micronaut.http.services." + service.id() + ".url", String.class);
        if (base.isEmpty()) {
            return Mono.just(problem(HttpStatus.SERVICE_UNAVAILABLE, service.id() + " is not part of this shop", request));
        }
        URI target = URI.create(base.get());
        return Flux.from(proxy.proxy(request.mutate().uri(b -> b.scheme(target.getScheme()).host(target.getHost())
                        .port(target.getPort()).replacePath(upstreamPath))))
                .onErrorResume(e -> Mono.just(problem(HttpStatus.SERVICE_UNAVAILABLE,
                        service.id() + " is unavailable right now; try again shortly", request)));
    }

    static MutableHttpResponse<?> problem(HttpStatus status, String detail, HttpRequest<?> request) {
        return HttpResponse.status(status).contentType(ProblemJson.CONTENT_TYPE)
                .body(ProblemJson.problem(status, detail, request.getPath()));
    }
}
