package dev.shopfleet.orders;

import dev.shopfleet.orders.Entities.CustomerOrder;
import dev.shopfleet.orders.Entities.HistoryEntry;
import dev.shopfleet.orders.Entities.OrderLine;
import dev.shopfleet.orders.Entities.OutboxEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public final class Repositories {
    private Repositories() {
    }

    /**
     * Every saga write is conditional on the order's current state and on holding its lease: a process that lost
     * its lease (it stalled, another took over) changes nothing.
     */
    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface OrderRepository extends GenericRepository<CustomerOrder, UUID> {
        Optional<CustomerOrder> findById(UUID id);

        Optional<CustomerOrder> findByUserIdAndIdempotencyKey(String userId, String idempotencyKey);

        @Query("SELECT * FROM customer_order WHERE user_id = :userId ORDER BY created_at DESC LIMIT :limit OFFSET :offset")
        List<CustomerOrder> history(String userId, int limit, int offset);

        @Query("INSERT INTO customer_order (id, user_id, idempotency_key, email, name, state, total_minor, currency,"
                + " payment_method, card_brand, card_last4, lease_owner, lease_until) VALUES (:id, :userId, :idempotencyKey,"
                + " :email, :name, 'NEW', :totalMinor, :currency, :paymentMethod, :cardBrand, :cardLast4, :owner,"
                + " now() + :leaseMillis * interval '1 millisecond') ON CONFLICT (user_id, idempotency_key) DO NOTHING")
        int insertIfNew(UUID id, String userId, String idempotencyKey, String email, @Nullable String name, long totalMinor,
                        String currency, String paymentMethod, @Nullable String cardBrand, @Nullable String cardLast4,
                        String owner, long leaseMillis);

        @Query("UPDATE customer_order SET state = :to, updated_at = now(), lease_until = now() + :leaseMillis * interval '1 millisecond'"
                + " WHERE id = :id AND state = :from AND lease_owner = :owner")
        int advance(UUID id, String owner, String from, String to, long leaseMillis);

        @Query("UPDATE customer_order SET state = 'COMPENSATING', outcome = :outcome, reason = :reason,"
                + " cancel_payment = :cancelPayment, updated_at = now() WHERE id = :id AND state = :from AND lease_owner = :owner")
        int compensate(UUID id, String owner, String from, String outcome, String reason, boolean cancelPayment);

        @Query("UPDATE customer_order SET state = outcome, updated_at = now(), lease_owner = NULL"
                + " WHERE id = :id AND state = 'COMPENSATING' AND lease_owner = :owner")
        int finishCompensation(UUID id, String owner);

        @Query("UPDATE customer_order SET state = 'CONFIRMED', reason = NULL, updated_at = now(), lease_owner = NULL"
                + " WHERE id = :id AND state = 'PAYMENT_CAPTURED' AND lease_owner = :owner")
        int confirm(UUID id, String owner);

        /** Gives the order up until later (a step's service is down); whoever claims it then retries. */
        @Query("UPDATE customer_order SET retry_at = :retryAt, lease_until = now(), lease_owner = NULL,"
                + " step_attempts = step_attempts + 1 WHERE id = :id AND lease_owner = :owner")
        int retryLater(UUID id, String owner, Instant retryAt);

        /** Sets the order aside: no one claims it again until its dead letter is dealt with. */
        @Query("INSERT INTO saga_dead_letter (order_id, state, attempts, last_error) SELECT id, state, step_attempts + 1,"
                + " :error FROM customer_order WHERE id = :id AND lease_owner = :owner")
        int copyToDeadLetters(UUID id, String owner, String error);

        @Query("UPDATE customer_order SET retry_at = 'infinity', lease_until = now(), lease_owner = NULL,"
                + " step_attempts = step_attempts + 1 WHERE id = :id AND lease_owner = :owner")
        int park(UUID id, String owner);

        @Query("SELECT count(*) FROM saga_dead_letter")
        long deadLettered();

        /** Seconds since the oldest unfinished order not set aside was placed (0 if none); the terms of its partial index. */
        @Query("SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) FROM customer_order"
                + " WHERE state NOT IN ('CONFIRMED', 'REJECTED_OUT_OF_STOCK', 'PAYMENT_DECLINED', 'FAILED')"
                + " AND retry_at <> 'infinity'")
        double oldestOpenSeconds();

        /** @param terminal {@link OrderState#terminalNames()}: a finished order is never claimed */
        @Query("UPDATE customer_order SET lease_owner = :owner, lease_until = now() + :leaseMillis * interval '1 millisecond'"
                + " WHERE id = :id AND lease_until < now() AND retry_at <= now() AND state NOT IN (:terminal)")
        int claim(UUID id, String owner, long leaseMillis, List<String> terminal);

        /** @param terminal {@link OrderState#terminalNames()} */
        @Query("SELECT id FROM customer_order WHERE state NOT IN (:terminal)"
                + " AND lease_until < now() AND retry_at <= now() ORDER BY lease_until LIMIT :limit")
        List<UUID> unfinished(int limit, List<String> terminal);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface OrderLineRepository extends CrudRepository<OrderLine, Long> {
        List<OrderLine> findByOrderIdOrderBySku(UUID orderId);

        List<OrderLine> findByOrderIdInList(List<UUID> orderIds);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface HistoryRepository extends CrudRepository<HistoryEntry, Long> {
        List<HistoryEntry> findByOrderIdOrderById(UUID orderId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface OutboxRepository extends CrudRepository<OutboxEvent, Long> {
        /** Locked until the relay's transaction ends, so two replicas never deliver the same event at once. */
        @Query("SELECT * FROM outbox WHERE published_at IS NULL AND next_attempt_at <= now() ORDER BY id LIMIT :limit"
                + " FOR UPDATE SKIP LOCKED")
        List<OutboxEvent> lockDue(int limit);

        @Query("UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = :id")
        void markPublished(long id);

        @Query("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error WHERE id = :id")
        void markFailed(long id, Instant next, String error);

        @Query("SELECT count(*) FROM outbox WHERE published_at IS NULL")
        long backlog();

        /** Copies an event the relay gives up on to the dead letters; the relay then deletes it, in the same transaction. */
        @Query("INSERT INTO outbox_dead_letter (id, event_id, type, order_id, payload, created_at, attempts, last_error,"
                + " trace_parent) SELECT id, event_id, type, order_id, payload, created_at, attempts + 1, :error, trace_parent"
                + " FROM outbox WHERE id = :id")
        void copyToDeadLetters(long id, String error);

        @Query("SELECT count(*) FROM outbox_dead_letter")
        long deadLettered();
    }
}
