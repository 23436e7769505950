package dev.shopfleet.storefront;

import dev.shopfleet.storefront.Clients.CartView;
import dev.shopfleet.support.ShopSettings;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.micronaut.http.HttpResponse;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What every page of the web shop shares: its frame (the shop, the shopper and their cart), the error pages, and
 * calling a service so that its failure becomes something the page can say.
 */
@Singleton
public class Pages {
    private static final Pattern THEME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    /** The templates in src/main/jte, compiled with the storefront (jte-maven-plugin); HTML mode escapes what they print. */
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final MediaType HTML = MediaType.of(MediaType.TEXT_HTML + ";charset=utf-8");
    private final Clients.Cart cart;
    private final ExecutorService blocking;
    private final String displayName;
    private final String theme;

    Pages(Clients.Cart cart, ShopSettings settings, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.cart = cart;
        this.blocking = blocking;
        this.displayName = settings.displayName();
        this.theme = THEME.matcher(settings.theme()).matches() ? settings.theme() : "default";
    }

    /** A page's model: its {@link PageFrame} ("frame"), to which the page adds its own data. */
    Map<String, Object> model(Shopper shopper) {
        return model(frame(shopper));
    }

    static Map<String, Object> model(PageFrame frame) {
        Map<String, Object> model = new HashMap<>();
        model.put("frame", frame);
        return model;
    }

    /** The frame, read while the page reads its own data (the cart is a call to another service). */
    CompletableFuture<PageFrame> frameInParallel(Shopper shopper) {
        return shopper.hasCart() ? CompletableFuture.supplyAsync(() -> frame(shopper), blocking)
                : CompletableFuture.completedFuture(frame(shopper));
    }

    /** A visitor who never put anything in a cart has none: no call for them. */
    private PageFrame frame(Shopper shopper) {
        Optional<CartView> current = shopper.hasCart()
                ? call(() -> cart.get(shopper.authorization(), shopper.anonymousHeader())) : Optional.empty();
        return new PageFrame(displayName, theme, shopper.name(), shopper.loggedIn(), shopper.formToken(),
                current.orElse(null), shopper.hasCart() && current.isEmpty());
    }

    MutableHttpResponse<?> page(Shopper shopper, HttpStatus status, String view, Map<String, Object> model) {
        Utf8ByteOutput html = new Utf8ByteOutput(); // the bytes sent: no second encoding of a String
        TEMPLATES.render(view + ".jte", model, html);
        return shopper.withNewCookies(HttpResponse.status(status).contentType(HTML).body(html.toByteArray()));
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
