package dev.shopfleet.storefront;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who is browsing, from their cookies: the token users signed (sent on as a bearer token; cart and users
 * verify it, the storefront only reads the name to greet them) and an anonymous cart's id.
 */
public record Shopper(@Nullable String token, @Nullable String name, String anonymousCart, boolean newVisitor) {
    static final String TOKEN_COOKIE = "shop_token";
    static final String CART_COOKIE = "shop_cart";
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]{0,100})\"");
    private static final Pattern UUID_FORMAT = Pattern.compile("[0-9a-f-]{36}");

    static Shopper of(HttpRequest<?> request) {
        String token = request.getCookies().findCookie(TOKEN_COOKIE).map(Cookie::getValue).orElse(null);
        String cart = request.getCookies().findCookie(CART_COOKIE).map(Cookie::getValue)
                .filter(v -> UUID_FORMAT.matcher(v).matches()).orElse(null);
        return new Shopper(token, token == null ? null : nameIn(token), cart == null ? UUID.randomUUID().toString() : cart, cart == null);
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

    static Cookie tokenCookie(String token, int maxAgeSeconds) {
        return Cookie.of(TOKEN_COOKIE, token).path("/").httpOnly(true).sameSite(SameSite.Lax).maxAge(maxAgeSeconds);
    }

    static Cookie cartCookie(String id) {
        return Cookie.of(CART_COOKIE, id).path("/").httpOnly(true).sameSite(SameSite.Lax).maxAge(30L * 24 * 3600);
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
