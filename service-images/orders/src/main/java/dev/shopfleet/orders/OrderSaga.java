package dev.shopfleet.orders;

import dev.shopfleet.contract.OrderOutcome;
import dev.shopfleet.orders.Clients.Authorize;
import dev.shopfleet.orders.Clients.Payment;
import dev.shopfleet.orders.Clients.Reservation;
import dev.shopfleet.orders.Clients.ReservationLine;
import dev.shopfleet.orders.Entities.CustomerOrder;
import dev.shopfleet.orders.Repositories.OrderLineRepository;
import dev.shopfleet.orders.Repositories.OrderRepository;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places an order step by step: reserve stock, authorize, capture, commit the stock, confirm. A failing step
 * sends the order to compensation (cancel the payment, release the stock) and on to the end that says why.
 * Every step is keyed by the order id, so running a step again after a crash is harmless; compensation that
 * cannot reach a service is retried later until it succeeds, and only then is the order finished.
 */
@Singleton
public class OrderSaga {
    private static final Logger LOG = LoggerFactory.getLogger(OrderSaga.class);
    /** Longer than any saga takes, so a reservation outlives a crashed process until the saga resumes. */
    private static final int RESERVATION_TTL_SECONDS = 900;
    private final OrderRepository orders;
    private final OrderLineRepository lines;
    private final OrderStore store;
    private final Clients.Inventory inventory;
    private final Clients.Payments payments;
    private final OrderMetrics metrics;
    private final Duration retryDelay;
    private final int maxAttempts;

    OrderSaga(OrderRepository orders, OrderLineRepository lines, OrderStore store, Clients.Inventory inventory,
              Clients.Payments payments, OrderMetrics metrics, @Value("${orders.saga.retry:5s}") Duration retryDelay,
              @Value("${orders.saga.max-attempts:720}") int maxAttempts) {
        this.orders = orders;
        this.lines = lines;
        this.store = store;
        this.inventory = inventory;
        this.payments = payments;
        this.metrics = metrics;
        this.retryDelay = retryDelay;
        this.maxAttempts = maxAttempts;
    }

    /** Runs the order's saga as far as it goes now; the caller holds the order's lease. */
    public CustomerOrder run(UUID id, String owner) {
        while (true) {
            CustomerOrder o = orders.findById(id).orElseThrow();
            if (o.state().terminal()) {
                return o;
            }
            if (!owner.equals(o.leaseOwner()) || !step(o, owner)) {
                return orders.findById(id).orElseThrow(); // someone else has it, or it waits for a retry
            }
        }
    }

    /** One transition of the state machine; false when the order waits (a retry) or another process has it. */
    private boolean step(CustomerOrder o, String owner) {
        return switch (o.state()) {
            case NEW -> reserveStock(o, owner);
            // Recorded before the call: from here on a charge may exist, and compensation must cancel it.
            case STOCK_RESERVED -> store.advance(o, owner, OrderState.PAYMENT_PENDING, "authorizing " + card(o));
            case PAYMENT_PENDING -> authorizePayment(o, owner);
            case PAYMENT_AUTHORIZED -> capturePayment(o, owner);
            case PAYMENT_CAPTURED -> takeStockAndConfirm(o, owner);
            case COMPENSATING -> compensateStep(o, owner);
            case CONFIRMED, REJECTED_OUT_OF_STOCK, PAYMENT_DECLINED, FAILED -> false;
        };
    }

    private boolean reserveStock(CustomerOrder o, String owner) {
        try {
            inventory.reserve(new Reservation(o.id().toString(), lines.findByOrderIdOrderBySku(o.id()).stream()
                    .map(l -> new ReservationLine(l.sku(), l.quantity())).toList(), RESERVATION_TTL_SECONDS));
        } catch (HttpClientResponseException e) {
            return e.code() == 409 ? store.compensate(o, owner, OrderState.REJECTED_OUT_OF_STOCK, detail(e))
                    : store.compensate(o, owner, OrderState.FAILED, "inventory refused the reservation: " + detail(e));
        } catch (RuntimeException e) {
            return store.compensate(o, owner, OrderState.FAILED, "inventory is unavailable");
        }
        return store.advance(o, owner, OrderState.STOCK_RESERVED, "stock reserved");
    }

    private boolean authorizePayment(CustomerOrder o, String owner) {
        Payment payment;
        try {
            payment = payments.authorize(new Authorize(o.id().toString(), o.paymentMethod(), o.totalMinor(), o.currency()));
        } catch (HttpClientResponseException e) {
            return store.compensate(o, owner, OrderState.FAILED, e.code() == 504
                    ? "the payment provider did not answer in time" : "payment failed: " + detail(e));
        } catch (RuntimeException e) {
            return store.compensate(o, owner, OrderState.FAILED, "payments did not answer");
        }
        return switch (payment.status()) {
            case "AUTHORIZED" -> store.advance(o, owner, OrderState.PAYMENT_AUTHORIZED, "payment authorized");
            case "DECLINED" -> store.compensate(o, owner, OrderState.PAYMENT_DECLINED, "the card was declined: " + payment.reason());
            default -> store.compensate(o, owner, OrderState.FAILED, "the payment is " + payment.status());
        };
    }

    private boolean capturePayment(CustomerOrder o, String owner) {
        try {
            payments.capture(o.id().toString());
        } catch (RuntimeException e) {
            return store.compensate(o, owner, OrderState.FAILED, "the payment could not be captured");
        }
        return store.advance(o, owner, OrderState.PAYMENT_CAPTURED, "payment captured");
    }

    private boolean takeStockAndConfirm(CustomerOrder o, String owner) {
        try {
            inventory.commit(o.id().toString());
        } catch (HttpClientResponseException e) {
            return e.code() == 409 // the reservation is gone (expired): refund rather than oversell
                    ? store.compensate(o, owner, OrderState.FAILED, "the reserved stock could not be taken: " + detail(e))
                    : retryLater(o, owner, e);
        } catch (RuntimeException e) {
            return retryLater(o, owner, e); // the commit may have happened: find out by committing again
        }
        boolean confirmed = store.confirm(o, owner);
        if (confirmed) {
            finished(o, OrderState.CONFIRMED);
        }
        return confirmed;
    }

    private boolean compensateStep(CustomerOrder o, String owner) {
        String id = o.id().toString();
        try {
            if (o.cancelPayment()) {
                payments.cancel(id);
            }
        } catch (RuntimeException e) {
            return retryLater(o, owner, e);
        }
        try {
            inventory.release(id);
        } catch (HttpClientResponseException e) {
            if (e.code() == 409) { // committed: only a confirmed order takes stock, so this is a bug worth shouting about
                LOG.error("order {}: its stock was taken but the order ends {}", o.id(), o.outcome());
            } else if (e.code() != 404) { // 404: nothing was reserved
                return retryLater(o, owner, e);
            }
        } catch (RuntimeException e) {
            return retryLater(o, owner, e);
        }
        boolean done = store.finishCompensation(o, owner);
        if (done) {
            finished(o, o.outcome());
        }
        return done;
    }

    /** Tries the step again later, or, after {@code maxAttempts}, sets the order aside in the dead letters. */
    private boolean retryLater(CustomerOrder o, String owner, RuntimeException e) {
        String what = o.state() == OrderState.COMPENSATING ? "compensation" : "step " + o.state();
        if (o.stepAttempts() + 1 >= maxAttempts) {
            store.deadLetter(o, owner, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            LOG.error("order {}: {} given up after {} attempts, kept in saga_dead_letter: {}", o.id(), what,
                    o.stepAttempts() + 1, e.getMessage());
            return false;
        }
        LOG.warn("order {}: {} will be retried in {}: {}", o.id(), what, retryDelay, e.getMessage());
        orders.retryLater(o.id(), owner, Instant.now().plus(retryDelay));
        return false;
    }

    private void finished(CustomerOrder o, OrderState end) {
        metrics.finished(OrderOutcome.valueOf(end.name()), Duration.between(o.createdAt(), Instant.now()));
        LOG.info("order {} {}", o.id(), end);
    }

    private static String card(CustomerOrder o) {
        return o.cardBrand() == null ? "the card" : o.cardBrand() + " ****" + o.cardLast4();
    }

    @SuppressWarnings("rawtypes")
    static String detail(HttpClientResponseException e) {
        return e.getResponse().getBody(Map.class).map(b -> ((Map) b).get("detail")).map(Object::toString)
                .orElse(e.getStatus().getReason());
    }
}
