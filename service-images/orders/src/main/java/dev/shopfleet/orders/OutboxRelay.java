package dev.shopfleet.orders;

import dev.shopfleet.orders.Entities.OutboxEvent;
import dev.shopfleet.orders.Repositories.OutboxRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox at least once, in order, with backoff while the consumer is away. An event still refused after
 * {@code maxAttempts} goes to the dead letters (counted, gauged, logged) so that the events behind it move on. Without
 * a publisher (the shop runs no notifications) events wait in the outbox; the backlog gauge shows them.
 */
@Singleton
@Requires(beans = EventPublisher.class)
public class OutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private final OutboxRepository outbox;
    private final EventPublisher publisher;
    private final MeterRegistry meters;
    private final Duration maxBackoff;
    private final int maxAttempts;

    OutboxRelay(OutboxRepository outbox, EventPublisher publisher, MeterRegistry meters,
                @Value("${orders.outbox.max-backoff:30s}") Duration maxBackoff,
                @Value("${orders.outbox.max-attempts:20}") int maxAttempts) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.meters = meters;
        this.maxBackoff = maxBackoff;
        this.maxAttempts = maxAttempts;
    }

    @Scheduled(fixedDelay = "${orders.outbox.poll:500ms}", initialDelay = "1s")
    @Transactional
    public void relay() {
        for (OutboxEvent event : outbox.lockDue(50)) {
            try {
                try (Scope trace = TraceParent.resume(event.traceParent())) {
                    publisher.publish(event);
                }
                outbox.markPublished(event.id());
                meters.counter("orders.outbox.published").increment();
            } catch (RuntimeException e) {
                String error = e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage().substring(0, Math.min(500, e.getMessage().length()));
                meters.counter("orders.outbox.failures").increment();
                if (event.attempts() + 1 >= maxAttempts) {
                    outbox.copyToDeadLetters(event.id(), error);
                    outbox.deleteById(event.id());
                    meters.counter("orders.outbox.dead.letters").increment();
                    LOG.error("event {} of order {} given up after {} attempts, kept in outbox_dead_letter: {}",
                            event.eventId(), event.orderId(), event.attempts() + 1, error);
                    continue; // what waited behind it goes on
                }
                Duration backoff = Duration.ofMillis(500L << Math.min(event.attempts(), 16));
                outbox.markFailed(event.id(), Instant.now().plus(backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff), error);
                LOG.warn("event {} not delivered (attempt {}): {}", event.eventId(), event.attempts() + 1, error);
                return; // keep the order: later events wait for this one
            }
        }
    }
}
