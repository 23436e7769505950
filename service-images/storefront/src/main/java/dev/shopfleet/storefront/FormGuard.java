package dev.shopfleet.storefront;

import dev.shopfleet.support.ProblemJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Every state-changing form of the web shop (a POST outside the bearer-token API) must come from the shop's own
 * pages: its Origin (or, without one, its Referer) names this host, and it repeats the form token its cookie holds
 * (double-submit: another site can make a browser post, but cannot read the cookie to repeat it).
 */
@ServerFilter(value = ServerFilter.MATCH_ALL_PATTERN, methods = HttpMethod.POST)
public final class FormGuard {
    static final String EXPIRED = "This form has expired or did not come from this shop: reload the page and try again.";

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseForeignForms(HttpRequest<?> request, @Nullable @Body String body) {
        if (request.getPath().startsWith("/api/")) {
            return null; // the API authenticates with a bearer token, which a browser never adds on its own
        }
        if (!sameOrigin(request) || !tokenRepeated(request, body)) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).contentType(ProblemJson.CONTENT_TYPE)
                    .body(ProblemJson.problem(HttpStatus.FORBIDDEN, EXPIRED, request.getPath()));
        }
        return null;
    }

    private static boolean sameOrigin(HttpRequest<?> request) {
        String host = request.getHeaders().get("Host");
        String origin = Optional.ofNullable(request.getHeaders().get("Origin")).orElse(request.getHeaders().get("Referer"));
        if (origin == null) {
            return true; // not a browser's cross-site form (browsers send Origin on every POST); the token decides
        }
        try {
            String authority = URI.create(origin).getAuthority();
            return host != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean tokenRepeated(HttpRequest<?> request, @Nullable String body) {
        Optional<String> expected = Shopper.formTokenOf(request);
        String sent = body == null ? null : field(body, Shopper.FORM_FIELD);
        return expected.isPresent() && sent != null && MessageDigest.isEqual(
                expected.get().getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.US_ASCII));
    }

    @Nullable
    private static String field(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
