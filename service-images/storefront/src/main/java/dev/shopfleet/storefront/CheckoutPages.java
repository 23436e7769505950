package dev.shopfleet.storefront;

import dev.shopfleet.contract.OrderOutcome;
import dev.shopfleet.storefront.Clients.Availability;
import dev.shopfleet.storefront.Clients.Card;
import dev.shopfleet.storefront.Clients.Checkout;
import dev.shopfleet.storefront.Clients.OrderView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checkout: the card form (paused while payments is down), placing the order, and what became of it. */
@WebPages
public class CheckoutPages {
    private static final Pattern EXPIRY = Pattern.compile("(0[1-9]|1[0-2])\\s*/\\s*([0-9]{2})");
    private static final String PAYMENTS_UNAVAILABLE =
            "Payments are unavailable right now, so checkout is paused. Your cart is saved; please try again shortly.";
    private final Pages pages;
    private final Clients.Orders orders;

    CheckoutPages(Pages pages, Clients.Orders orders) {
        this.pages = pages;
        this.orders = orders;
    }

    @Get("/checkout")
    public MutableHttpResponse<?> checkout(HttpRequest<?> request) {
        Shopper shopper = Shopper.of(request);
        if (!shopper.loggedIn()) {
            return HttpResponse.seeOther(URI.create("/login?checkout=1"));
        }
        return checkoutPage(shopper, HttpStatus.OK, null);
    }

    /** The form carries a fresh idempotency key: submitting twice (a double click, a reload) places one order. */
    @Post(value = "/checkout", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> placeOrder(HttpRequest<?> request, String idempotencyKey, String cardNumber, String expiry,
                                             String cvc) {
        Shopper shopper = Shopper.of(request);
        if (!shopper.loggedIn()) {
            return HttpResponse.seeOther(URI.create("/login?checkout=1"));
        }
        Matcher mmyy = EXPIRY.matcher(expiry.trim());
        if (!mmyy.matches()) {
            return checkoutPage(shopper, HttpStatus.UNPROCESSABLE_ENTITY, "Enter the card's expiry as MM/YY.");
        }
        Card card = new Card(cardNumber.replaceAll("[^0-9]", ""), Integer.parseInt(mmyy.group(1)),
                2000 + Integer.parseInt(mmyy.group(2)), cvc.trim());
        OrderView order;
        try {
            order = orders.place(shopper.authorization(), idempotencyKey, new Checkout(card));
        } catch (HttpClientResponseException e) {
            return checkoutPage(shopper, e.code() < 500 ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.SERVICE_UNAVAILABLE,
                    e.code() < 500 ? Pages.detail(e) : PAYMENTS_UNAVAILABLE);
        } catch (RuntimeException e) {
            return checkoutPage(shopper, HttpStatus.SERVICE_UNAVAILABLE,
                    "We could not confirm your order in time. Please look at your orders before you try again.");
        }
        return OrderOutcome.of(order.status()).filter(outcome -> !outcome.succeeded())
                .<MutableHttpResponse<?>>map(failed -> checkoutPage(shopper, HttpStatus.UNPROCESSABLE_ENTITY,
                        OrderPages.describe(failed) + (order.reason() == null ? "" : " (" + order.reason() + ")")
                                + " Nothing was charged and your cart is unchanged."))
                .orElseGet(() -> HttpResponse.seeOther(URI.create("/orders/" + order.id())));
    }

    private MutableHttpResponse<?> checkoutPage(Shopper shopper, HttpStatus status, @Nullable String error) {
        CompletableFuture<PageFrame> frame = pages.frameInParallel(shopper);
        Availability availability = Pages.call(orders::availability).orElse(new Availability(false, null));
        Map<String, Object> model = Pages.model(frame.join());
        model.put("checkoutAvailable", availability.available());
        model.put("idempotencyKey", UUID.randomUUID().toString());
        if (error != null) {
            model.put("error", error);
        } else if (!availability.available()) {
            model.put("error", PAYMENTS_UNAVAILABLE);
        }
        return pages.page(shopper, status, "checkout", model);
    }
}
