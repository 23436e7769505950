package dev.shopfleet.payments;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

public final class Dtos {
    static final String ORDER_ID = "[A-Za-z0-9._:-]{1,64}";

    private Dtos() {
    }

    /** A card as the shopper typed it; it goes to the processor and is then forgotten. */
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
    public record PaymentMethodView(String token, String brand, String last4, int expiryMonth, int expiryYear) {
    }

    @Serdeable
    public record AuthorizeRequest(
            @NotBlank @Pattern(regexp = ORDER_ID, message = "must be 1-64 letters, digits or ._:-") String orderId,
            @NotBlank @jakarta.validation.constraints.Size(max = 64) String paymentMethod,
            @Min(1) @Max(100_000_000) long amountMinor,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency) {
    }

    @Serdeable
    public record PaymentView(String orderId, String status, @Nullable String reason, @Nullable Long amountMinor,
                              @Nullable String currency, @Nullable String last4, Instant updatedAt) {
    }
}
