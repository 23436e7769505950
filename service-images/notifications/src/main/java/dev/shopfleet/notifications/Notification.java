package dev.shopfleet.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity("notification")
public record Notification(@Id UUID eventId, String type, String orderId, String recipient, String subject, String body,
                           String status, int attempts, Instant nextAttemptAt, @Nullable String lastError,
                           Instant createdAt, @Nullable Instant sentAt) {
}
