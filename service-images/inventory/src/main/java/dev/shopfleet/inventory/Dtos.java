package dev.shopfleet.inventory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

public final class Dtos {
    private Dtos() {
    }

    @Serdeable
    public record StockView(String sku, int onHand, int reserved, int available) {
        static StockView of(Stock s) {
            return new StockView(s.sku(), s.onHand(), s.reserved(), s.onHand() - s.reserved());
        }
    }

    @Serdeable
    public record StockLevel(@Min(0) @Max(1_000_000) int onHand) {
    }

    @Serdeable
    public record Line(@NotBlank @Size(max = 32) String sku, @Min(1) @Max(1000) int quantity) {
    }

    /** A reservation request: the caller's id makes a retry of the same request harmless. */
    @Serdeable
    public record ReservationRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "must be 1-64 letters, digits or ._:-") String id,
            @NotEmpty @Size(max = 50) List<@NotNull @Valid Line> lines,
            @Nullable @Min(1) @Max(3600) Integer ttlSeconds) {
    }

    @Serdeable
    public record ReservationView(String id, String status, Instant expiresAt, List<Line> lines) {
    }
}
