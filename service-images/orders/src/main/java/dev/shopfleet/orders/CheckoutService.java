package dev.shopfleet.orders;

import dev.shopfleet.orders.Clients.Card;
import dev.shopfleet.orders.Clients.CartCheck;
import dev.shopfleet.orders.Clients.PaymentMethod;
import dev.shopfleet.orders.Clients.Profile;
import dev.shopfleet.orders.Dtos.CardDetails;
import dev.shopfleet.orders.Entities.CustomerOrder;
import dev.shopfleet.orders.Entities.OrderLine;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the shopper's cart into an order and runs its saga while they wait. Nothing is written until the
 * user, the cart and the card check out, so a refusal here leaves no trace and the cart untouched.
 */
@Singleton
public class CheckoutService {
    private static final Logger LOG = LoggerFactory.getLogger(CheckoutService.class);
    private final Clients.Users users;
    private final Clients.Cart cart;
    private final Clients.Payments payments;
    private final OrderStore store;
    private final OrderSaga saga;
    private final OrderQueries queries;
    private final String owner;

    CheckoutService(Clients.Users users, Clients.Cart cart, Clients.Payments payments, OrderStore store, OrderSaga saga,
                    OrderQueries queries, SagaOwner owner) {
        this.owner = owner.id();
        this.users = users;
        this.cart = cart;
        this.payments = payments;
        this.store = store;
        this.saga = saga;
        this.queries = queries;
    }

    public record Placed(boolean created, Dtos.OrderView order) {
    }

    public Placed place(String userId, String authorization, String idempotencyKey, CardDetails card) {
        var earlier = queries.byKey(userId, idempotencyKey);
        if (earlier.isPresent()) {
            return new Placed(false, earlier.get());
        }
        Profile profile = call("accounts", () -> users.me(authorization));
        CartCheck check = call("the cart", () -> cart.check(authorization));
        if (check.cart().lines().isEmpty()) {
            throw new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "the cart is empty");
        }
        if (!check.unavailable().isEmpty()) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "no longer sold: " + String.join(", ", check.unavailable())
                    + "; remove it from the cart to check out");
        }
        if (!check.priceChanges().isEmpty()) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "prices changed since you added these items; the cart now"
                    + " shows the current prices, please review it");
        }
        PaymentMethod method = call("payments", () -> payments.tokenize(new Card(card.number().replace(" ", ""),
                card.expiryMonth(), card.expiryYear(), card.cvc())));
        UUID id = UUID.randomUUID();
        var order = new OrderStore.NewOrder(id, userId, idempotencyKey, profile.email(), profile.name(),
                check.cart().totalMinor(), check.cart().currency(), method);
        List<OrderLine> lines = check.cart().lines().stream()
                .map(l -> new OrderLine(null, id, l.sku(), l.name(), l.quantity(), l.unitPriceMinor())).toList();
        if (!store.create(order, lines, owner)) { // a request with the same key won the race
            return new Placed(false, queries.byKey(userId, idempotencyKey).orElseThrow());
        }
        CustomerOrder result = saga.run(id, owner);
        if (result.state() == OrderState.CONFIRMED) {
            try {
                cart.clear(authorization);
                store.note(id, OrderState.CONFIRMED, "cart emptied");
            } catch (RuntimeException e) { // the order stands; the shopper sees the bought items still in the cart
                LOG.warn("order {} confirmed, but the cart could not be emptied: {}", id, e.getMessage());
            }
        }
        return new Placed(true, queries.view(id));
    }

    /** Calls a service the checkout cannot go on without: its 4xx is the shopper's answer, anything else a 503. */
    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (HttpClientResponseException e) {
            if (e.code() == 401 || e.code() == 403 || e.code() == 404) {
                throw new HttpStatusException(HttpStatus.FORBIDDEN, "your account could not be confirmed; log in again");
            }
            if (e.code() >= 400 && e.code() < 500) {
                throw new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY, OrderSaga.detail(e));
            }
            throw unavailable(what);
        } catch (RuntimeException e) {
            throw unavailable(what);
        }
    }

    private static HttpStatusException unavailable(String what) {
        return new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, what + (what.endsWith("s") ? " are" : " is")
                + " unavailable right now; nothing was charged and your cart is unchanged");
    }
}
