package dev.shopfleet.orders;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** The rows orders keeps: an order, its lines, its history, and the outbox of events about it. */
public final class Entities {
    private Entities() {
    }

    @MappedEntity("customer_order")
    public record CustomerOrder(@Id UUID id, String userId, String idempotencyKey, String email, @Nullable String name,
                                OrderState state, @Nullable OrderState outcome, @Nullable String reason, boolean cancelPayment,
                                long totalMinor, String currency, String paymentMethod, @Nullable String cardBrand,
                                @Nullable String cardLast4, @Nullable String leaseOwner, Instant leaseUntil, Instant retryAt,
                                Instant createdAt, Instant updatedAt, int stepAttempts) {
    }

    @MappedEntity("order_line")
    public record OrderLine(@Id @GeneratedValue @Nullable Long id, UUID orderId, String sku, String name, int quantity,
                            long unitPriceMinor) {
    }

    @MappedEntity("order_history")
    public record HistoryEntry(@Id @GeneratedValue @Nullable Long id, UUID orderId, OrderState state, @Nullable String note,
                               Instant at) {
    }

    @MappedEntity("outbox")
    public record OutboxEvent(@Id @GeneratedValue @Nullable Long id, UUID eventId, String type, int version, UUID orderId, String payload,
                              Instant createdAt, @Nullable Instant publishedAt, int attempts, Instant nextAttemptAt,
                              @Nullable String lastError, @Nullable String traceParent) {
    }
}
