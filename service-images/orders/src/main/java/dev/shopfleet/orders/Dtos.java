package dev.shopfleet.orders;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public final class Dtos {
    private Dtos() {
    }

    /** What the shopper sends to check out: how to pay. The card goes to payments and is not kept here. */
    @Serdeable
    public record Checkout(@NotNull @Valid CardDetails card) {
    }

    @Serdeable
    public record CardDetails(
            @NotBlank @Pattern(regexp = "[0-9 ]{12,23}", message = "must be 12 to 19 digits") String number,
            @Min(1) @Max(12) int expiryMonth,
            @Min(2000) @Max(2100) int expiryYear,
            @NotBlank @Pattern(regexp = "[0-9]{3,4}", message = "must be 3 or 4 digits") String cvc) {
        @Override
        public String toString() {
            return "CardDetails[redacted]";
        }
    }

    @Serdeable
    public record LineView(String sku, String name, int quantity, long unitPriceMinor, long totalMinor) {
    }

    @Serdeable
    public record StepView(String state, @Nullable String note, Instant at) {
    }

    @Serdeable
    public record OrderView(UUID id, String status, boolean finished, @Nullable String reason, long totalMinor, String currency,
                            @Nullable String cardBrand, @Nullable String cardLast4, Instant createdAt, Instant updatedAt,
                            List<LineView> lines, @Nullable List<StepView> history) {
    }

    @Serdeable
    public record Availability(boolean available, @Nullable String reason) {
    }

    /** An order confirmed: {@link dev.shopfleet.contract.OrderEventType#ORDER_PLACED}, as its schema in the contract says. */
    @Serdeable
    public record OrderPlaced(UUID eventId, String type, int version, Instant occurredAt, String orderId, String email,
                              @Nullable String name, List<EventLine> lines, long totalMinor, String currency) {
    }

    /** An order that ended without a sale: {@link dev.shopfleet.contract.OrderEventType#ORDER_REJECTED}. */
    @Serdeable
    public record OrderRejected(UUID eventId, String type, int version, Instant occurredAt, String orderId, String email,
                                @Nullable String name, List<EventLine> lines, long totalMinor, String currency,
                                String outcome, @Nullable String reason) {
    }

    @Serdeable
    public record EventLine(String sku, String name, int quantity, long unitPriceMinor) {
    }
}
