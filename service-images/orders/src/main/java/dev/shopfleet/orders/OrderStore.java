package dev.shopfleet.orders;

import dev.shopfleet.contract.OrderEventType;
import dev.shopfleet.orders.Dtos.EventLine;
import dev.shopfleet.orders.Dtos.OrderPlaced;
import dev.shopfleet.orders.Dtos.OrderRejected;
import dev.shopfleet.orders.Entities.CustomerOrder;
import dev.shopfleet.orders.Entities.HistoryEntry;
import dev.shopfleet.orders.Entities.OrderLine;
import dev.shopfleet.orders.Entities.OutboxEvent;
import dev.shopfleet.orders.Repositories.HistoryRepository;
import dev.shopfleet.orders.Repositories.OrderLineRepository;
import dev.shopfleet.orders.Repositories.OrderRepository;
import dev.shopfleet.orders.Repositories.OutboxRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The saga's persistence: each transition and its history entry commit together, and the confirmation commits
 * with its OrderPlaced event in the outbox, so the event exists if and only if the order is confirmed; an order that
 * ends otherwise commits its OrderRejected the same way.
 */
@Singleton
public class OrderStore {
    private final OrderRepository orders;
    private final OrderLineRepository lines;
    private final HistoryRepository history;
    private final OutboxRepository outbox;
    private final JsonMapper json;
    private final long leaseMillis;
    private final MeterRegistry meters;

    OrderStore(OrderRepository orders, OrderLineRepository lines, HistoryRepository history, OutboxRepository outbox,
               JsonMapper json, MeterRegistry meters, @Value("${orders.saga.lease:10s}") Duration lease) {
        this.orders = orders;
        this.lines = lines;
        this.history = history;
        this.outbox = outbox;
        this.json = json;
        this.leaseMillis = lease.toMillis();
        this.meters = meters;
    }

    /** What a checkout decides about a new order; its state (NEW), lease and timestamps are the database's. */
    public record NewOrder(UUID id, String userId, String idempotencyKey, String email, @Nullable String name, long totalMinor,
                           String currency, Clients.PaymentMethod payment) {
    }

    /** False if an order with this shopper's key exists already (a retry, or a request racing this one). */
    @Transactional
    public boolean create(NewOrder o, List<OrderLine> orderLines, String owner) {
        if (orders.insertIfNew(o.id(), o.userId(), o.idempotencyKey(), o.email(), o.name(), o.totalMinor(), o.currency(),
                o.payment().token(), o.payment().brand(), o.payment().last4(), owner, leaseMillis) == 0) {
            return false;
        }
        lines.saveAll(orderLines);
        note(o.id(), OrderState.NEW, "order placed");
        return true;
    }

    @Transactional
    public boolean advance(CustomerOrder o, String owner, OrderState to, String note) {
        if (orders.advance(o.id(), owner, o.state().name(), to.name(), leaseMillis) == 0) {
            return false;
        }
        note(o.id(), to, note);
        return true;
    }

    @Transactional
    public boolean compensate(CustomerOrder o, String owner, OrderState outcome, String reason) {
        if (orders.compensate(o.id(), owner, o.state().name(), outcome.name(), reason, o.state().mayHaveCharged()) == 0) {
            return false;
        }
        note(o.id(), OrderState.COMPENSATING, reason);
        return true;
    }

    /** The order ends without a sale, with its OrderRejected event in the outbox. */
    @Transactional
    public boolean finishCompensation(CustomerOrder o, String owner) {
        if (orders.finishCompensation(o.id(), owner) == 0) {
            return false;
        }
        note(o.id(), o.outcome(), o.reason());
        OrderEventType type = OrderEventType.ORDER_REJECTED;
        UUID eventId = UUID.randomUUID();
        enqueue(o.id(), eventId, type, new OrderRejected(eventId, type.typeName(), type.version(), Instant.now(),
                o.id().toString(), o.email(), o.name(), eventLines(o), o.totalMinor(), o.currency(), o.outcome().name(),
                o.reason()));
        return true;
    }

    /** Sets the order aside after its step failed too often: kept in saga_dead_letter, claimed by no one. */
    @Transactional
    public void deadLetter(CustomerOrder o, String owner, String error) {
        String why = error.length() > 250 ? error.substring(0, 250) : error;
        if (orders.copyToDeadLetters(o.id(), owner, why) == 1 && orders.park(o.id(), owner) == 1) {
            note(o.id(), o.state(), "set aside after " + (o.stepAttempts() + 1) + " attempts: " + why);
            meters.counter("orders.saga.dead.letters").increment();
        }
    }

    @Transactional
    public boolean confirm(CustomerOrder o, String owner) {
        if (orders.confirm(o.id(), owner) == 0) {
            return false;
        }
        note(o.id(), OrderState.CONFIRMED, "stock taken, payment captured");
        OrderEventType type = OrderEventType.ORDER_PLACED;
        UUID eventId = UUID.randomUUID();
        enqueue(o.id(), eventId, type, new OrderPlaced(eventId, type.typeName(), type.version(), Instant.now(),
                o.id().toString(), o.email(), o.name(), eventLines(o), o.totalMinor(), o.currency()));
        return true;
    }

    private List<EventLine> eventLines(CustomerOrder o) {
        return lines.findByOrderIdOrderBySku(o.id()).stream()
                .map(l -> new EventLine(l.sku(), l.name(), l.quantity(), l.unitPriceMinor())).toList();
    }

    /** Into the outbox, in the caller's transaction: the event is published if and only if that commits. */
    private void enqueue(UUID orderId, UUID eventId, OrderEventType type, Object event) {
        try {
            outbox.save(new OutboxEvent(null, eventId, type.typeName(), type.version(), orderId,
                    json.writeValueAsString(event), Instant.now(), null, 0, Instant.now(), null,
                    TraceParent.current().orElse(null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Transactional
    public void note(UUID orderId, OrderState state, String note) {
        history.save(new HistoryEntry(null, orderId, state, note == null || note.length() <= 300 ? note : note.substring(0, 300),
                Instant.now()));
    }

    public boolean claim(UUID id, String owner) {
        return orders.claim(id, owner, leaseMillis, OrderState.terminalNames()) == 1;
    }
}
