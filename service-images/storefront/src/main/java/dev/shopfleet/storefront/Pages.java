package dev.shopfleet.storefront;

import dev.shopfleet.storefront.Clients.CartView;
import dev.shopfleet.support.ShopSettings;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What every page of the web shop shares: the shop's name and theme, the shopper and their cart (or that it is
 * unavailable), the error pages, and calling a service so that its failure becomes something the page can say.
 */
@Singleton
public class Pages {
    private static final Pattern THEME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    private final Clients.Cart cart;
    private final String displayName;
    private final String theme;

    Pages(Clients.Cart cart, ShopSettings settings) {
        this.cart = cart;
        this.displayName = settings.displayName();
        this.theme = THEME.matcher(settings.theme()).matches() ? settings.theme() : "default";
    }

    /** What every page shows: the shop, the shopper, and their cart, or that the cart is unavailable. */
    Map<String, Object> model(Shopper shopper) {
        Map<String, Object> model = new HashMap<>();
        model.put("shopName", displayName);
        model.put("theme", theme);
        model.put("shopperName", shopper.name());
        model.put("loggedIn", shopper.loggedIn());
        model.put("formToken", shopper.formToken());
        Optional<CartView> current = call(() -> cart.get(shopper.authorization(), shopper.anonymousHeader()));
        model.put("cart", current.orElse(null));
        model.put("cartUnavailable", current.isEmpty());
        return model;
    }

    MutableHttpResponse<?> page(Shopper shopper, HttpStatus status, String view, Map<String, Object> model) {
        return shopper.withNewCookies(HttpResponse.status(status).body(new ModelAndView<>(view, model)));
    }

    MutableHttpResponse<?> error(Shopper shopper, Map<String, Object> model, HttpStatus status, String title, String message) {
        model.put("title", title);
        model.put("message", message);
        return page(shopper, status, "error", model);
    }

    MutableHttpResponse<?> notFound(Shopper shopper, Map<String, Object> model, String message) {
        return error(shopper, model, HttpStatus.NOT_FOUND, "Not found", message);
    }

    /** A form shown again with what was wrong. */
    MutableHttpResponse<?> formError(Shopper shopper, String form, String message) {
        Map<String, Object> model = model(shopper);
        model.put("error", message);
        return page(shopper, HttpStatus.UNPROCESSABLE_ENTITY, form, model);
    }

    /** Calls a service; empty if it failed or is unavailable (its breaker open), so the page can say so. */
    static <T> Optional<T> call(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The problem+json detail a service refused with, for the shopper. */
    static String detail(HttpClientResponseException e) {
        return e.getResponse().getBody(Map.class).map(b -> b.get("detail")).map(Object::toString).orElse(e.getMessage());
    }
}
