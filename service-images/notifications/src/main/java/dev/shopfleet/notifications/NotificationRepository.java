package dev.shopfleet.notifications;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NotificationRepository extends GenericRepository<Notification, UUID> {
    @Query("INSERT INTO notification (event_id, type, order_id, recipient, subject, body) VALUES (:eventId, :type, :orderId,"
            + " :recipient, :subject, :body) ON CONFLICT (event_id) DO NOTHING")
    int insertIfNew(UUID eventId, String type, String orderId, String recipient, String subject, String body);

    /** Locked until the transaction ends, so two replicas never send the same email. */
    @Query("SELECT * FROM notification WHERE status = 'PENDING' AND next_attempt_at <= now() ORDER BY next_attempt_at"
            + " LIMIT :limit FOR UPDATE SKIP LOCKED")
    List<Notification> lockDue(int limit);

    @Query("UPDATE notification SET status = 'SENT', attempts = attempts + 1, sent_at = now(), last_error = NULL"
            + " WHERE event_id = :eventId")
    void markSent(UUID eventId);

    @Query("UPDATE notification SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error,"
            + " status = CASE WHEN attempts + 1 >= :maxAttempts THEN 'FAILED' ELSE 'PENDING' END WHERE event_id = :eventId")
    void markFailed(UUID eventId, Instant next, String error, int maxAttempts);

    @Query("SELECT count(*) FROM notification WHERE status = 'PENDING'")
    long countPending();
}
