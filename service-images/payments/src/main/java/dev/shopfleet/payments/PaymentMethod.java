package dev.shopfleet.payments;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("payment_method")
public record PaymentMethod(@Id String token, String processorRef, String brand, String last4, int expMonth, int expYear,
                            Instant createdAt) {
}
