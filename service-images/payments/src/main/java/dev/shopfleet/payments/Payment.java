package dev.shopfleet.payments;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("payment")
public record Payment(@Id String orderId, @Nullable String token, @Nullable Long amountMinor, @Nullable String currency,
                      String status, @Nullable String reason, Instant createdAt, Instant updatedAt) {
}
