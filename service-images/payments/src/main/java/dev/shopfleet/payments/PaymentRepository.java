package dev.shopfleet.payments;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** A payment changes status only through conditional UPDATEs, so a late answer cannot undo a cancel. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PaymentRepository extends GenericRepository<Payment, String> {
    Optional<Payment> findById(String orderId);

    @Query("INSERT INTO payment (order_id, token, amount_minor, currency, status) VALUES (:orderId, :token, :amountMinor,"
            + " :currency, 'PENDING') ON CONFLICT (order_id) DO NOTHING")
    int insertPending(String orderId, String token, long amountMinor, String currency);

    @Query("INSERT INTO payment (order_id, status, reason) VALUES (:orderId, 'VOIDED', 'cancelled before authorization')"
            + " ON CONFLICT (order_id) DO NOTHING")
    int insertCancelled(String orderId);

    @Query("UPDATE payment SET status = :to, reason = :reason, updated_at = now() WHERE order_id = :orderId AND status = :from")
    int transition(String orderId, String from, String to, @Nullable String reason);
}
