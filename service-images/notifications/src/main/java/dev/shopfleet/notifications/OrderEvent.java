package dev.shopfleet.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An event orders publishes (through its outbox); its id makes a redelivery harmless. */
@Serdeable
public record OrderEvent(@NotNull UUID eventId, @NotBlank @Size(max = 32) String type, @NotNull Instant occurredAt,
                         @NotBlank @Size(max = 64) String orderId, @NotBlank @Email @Size(max = 254) String email,
                         @Nullable @Size(max = 100) String name, @Size(max = 100) List<@Valid Line> lines,
                         long totalMinor, @NotBlank @Size(min = 3, max = 3) String currency) {
    @Serdeable
    public record Line(@NotBlank @Size(max = 32) String sku, @Size(max = 200) String name, int quantity, long unitPriceMinor) {
    }
}
