package dev.shopfleet.storefront;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * What every answer of the gateway tells the browser: load nothing from elsewhere, run no script, never be framed,
 * do not guess content types, keep the path to itself; over TLS, stay on TLS.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class PageHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; style-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @ResponseFilter
    public void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "same-origin");
        if (Shopper.isOverTls(request)) {
            response.header("Strict-Transport-Security", "max-age=31536000");
        }
    }
}
