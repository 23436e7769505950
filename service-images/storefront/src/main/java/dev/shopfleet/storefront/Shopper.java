package dev.shopfleet.storefront;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who is browsing, from their cookies: the token users signed (sent on as a bearer token; cart and users
 * verify it, the storefront only reads the name to greet them), an anonymous cart's id, and the form token every
 * state-changing form carries back ({@link FormGuard}). Over TLS the cookies are {@code Secure} and host-only
 * ({@code __Host-} names); everywhere they are {@code HttpOnly} and {@code SameSite}.
 */
public record Shopper(@Nullable String token, @Nullable String name, String anonymousCart, boolean newVisitor,
                      String formToken, boolean newFormToken, boolean overTls) {
    static final String TOKEN_COOKIE = "shop_token";
    static final String CART_COOKIE = "shop_cart";
    static final String FORM_COOKIE = "shop_form";
    static final String FORM_FIELD = "formToken";
    private static final String HOST_ONLY_PREFIX = "__Host-";
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]{0,100})\"");
    private static final Pattern UUID_FORMAT = Pattern.compile("[0-9a-f-]{36}");
    private static final Pattern FORM_TOKEN_FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long MONTH_SECONDS = 30L * 24 * 3600;

    static Shopper of(HttpRequest<?> request) {
        boolean tls = isOverTls(request);
        String token = cookie(request, TOKEN_COOKIE, tls).orElse(null);
        String cart = cookie(request, CART_COOKIE, tls).filter(v -> UUID_FORMAT.matcher(v).matches()).orElse(null);
        String form = formTokenOf(request).orElse(null);
        return new Shopper(token, token == null ? null : nameIn(token), cart == null ? UUID.randomUUID().toString() : cart,
                cart == null, form == null ? randomFormToken() : form, form == null, tls);
    }

    /** The form token the browser holds, if any: what a form's hidden field must repeat. */
    static Optional<String> formTokenOf(HttpRequest<?> request) {
        return cookie(request, FORM_COOKIE, isOverTls(request)).filter(v -> FORM_TOKEN_FORMAT.matcher(v).matches());
    }

    /** The ingress terminates TLS and says so; only it reaches the storefront (the shop's traffic policy). */
    static boolean isOverTls(HttpRequest<?> request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }

    private static Optional<String> cookie(HttpRequest<?> request, String name, boolean tls) {
        return request.getCookies().findCookie(tls ? HOST_ONLY_PREFIX + name : name).map(Cookie::getValue);
    }

    private static String randomFormToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Nullable
    String authorization() {
        return token == null ? null : "Bearer " + token;
    }

    /** The cart to use: the shopper's own once logged in, else the visitor's anonymous one. */
    @Nullable
    String anonymousHeader() {
        return token == null ? anonymousCart : null;
    }

    boolean loggedIn() {
        return token != null;
    }

    /** A visitor has a cart once they put something in one (the cart cookie), a shopper always. */
    boolean hasCart() {
        return loggedIn() || !newVisitor;
    }

    Cookie tokenCookie(String value, int maxAgeSeconds) {
        return cookie(TOKEN_COOKIE, value, maxAgeSeconds, SameSite.Lax);
    }

    /** The cookie a first visit gets: the form token. */
    MutableHttpResponse<?> withNewCookies(MutableHttpResponse<?> response) {
        if (newFormToken) {
            response.cookie(cookie(FORM_COOKIE, formToken, MONTH_SECONDS, SameSite.Strict));
        }
        return response;
    }

    /** After the first change to a visitor's cart: its id, so that the cart is theirs from now on. */
    MutableHttpResponse<?> withCartCookie(MutableHttpResponse<?> response) {
        if (newVisitor) {
            response.cookie(cookie(CART_COOKIE, anonymousCart, MONTH_SECONDS, SameSite.Lax));
        }
        return withNewCookies(response);
    }

    private Cookie cookie(String name, String value, long maxAgeSeconds, SameSite sameSite) {
        return Cookie.of(overTls ? HOST_ONLY_PREFIX + name : name, value).path("/").httpOnly(true).secure(overTls)
                .sameSite(sameSite).maxAge(maxAgeSeconds);
    }

    private static String nameIn(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            Matcher m = NAME.matcher(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
