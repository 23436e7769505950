package dev.shopfleet.storefront;

import dev.shopfleet.contract.OrderOutcome;
import dev.shopfleet.storefront.Clients.OrderView;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Get;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/** The shopper's orders: their history, and one order with its steps (refreshing until it has ended). */
@WebPages
public class OrderPages {
    private static final Pattern ORDER_ID = Pattern.compile("[0-9a-f-]{36}");
    private final Pages pages;
    private final Clients.Orders orders;

    OrderPages(Pages pages, Clients.Orders orders) {
        this.pages = pages;
        this.orders = orders;
    }

    /** What an order's end means to the shopper. */
    static String describe(OrderOutcome outcome) {
        return switch (outcome) {
            case CONFIRMED -> "Thank you! Your order is confirmed.";
            case PAYMENT_DECLINED -> "Your card was declined.";
            case REJECTED_OUT_OF_STOCK -> "Sorry, some items sold out before we could reserve them.";
            case FAILED -> "We could not complete your order.";
        };
    }

    @Get("/orders")
    public MutableHttpResponse<?> orderHistory(HttpRequest<?> request) {
        Shopper shopper = Shopper.of(request);
        if (!shopper.loggedIn()) {
            return HttpResponse.seeOther(URI.create("/login"));
        }
        CompletableFuture<PageFrame> frame = pages.frameInParallel(shopper);
        Optional<List<OrderView>> history = Pages.call(() -> orders.history(shopper.authorization()));
        Map<String, Object> model = Pages.model(frame.join());
        model.put("orders", history.orElse(List.of()));
        model.put("ordersUnavailable", history.isEmpty());
        return pages.page(shopper, HttpStatus.OK, "orders", model);
    }

    @Get("/orders/{id}")
    public MutableHttpResponse<?> order(HttpRequest<?> request, String id) {
        Shopper shopper = Shopper.of(request);
        if (!shopper.loggedIn()) {
            return HttpResponse.seeOther(URI.create("/login"));
        }
        CompletableFuture<PageFrame> frame = pages.frameInParallel(shopper);
        Optional<Optional<OrderView>> order = ORDER_ID.matcher(id).matches()
                ? Pages.call(() -> orders.order(shopper.authorization(), id)) : Optional.of(Optional.empty());
        Map<String, Object> model = Pages.model(frame.join());
        if (order.isEmpty()) {
            return pages.error(shopper, model, HttpStatus.SERVICE_UNAVAILABLE, "Orders are unavailable",
                    "We can't show your order right now. It is safe: please try again in a moment.");
        }
        if (order.get().isEmpty()) {
            return pages.notFound(shopper, model, "There is no such order.");
        }
        OrderView view = order.get().get();
        model.put("order", view);
        model.put("outcome", OrderOutcome.of(view.status()).map(OrderPages::describe).orElse("We are processing your order."));
        return pages.page(shopper, HttpStatus.OK, "order", model);
    }
}
