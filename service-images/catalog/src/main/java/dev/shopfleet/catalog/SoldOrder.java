package dev.shopfleet.catalog;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * What catalog reads of an OrderPlaced event (OrderEventType.ORDER_PLACED, its schema in the contract): which products
 * sold and how many. The shopper's address and the prices it leaves unread.
 */
@Serdeable
public record SoldOrder(@NotNull UUID eventId, @NotBlank @Size(max = 64) String orderId,
                        @NotEmpty @Size(max = 100) List<@Valid @NotNull Line> lines) {
    @Serdeable
    public record Line(@NotBlank @Size(max = 32) String sku, @Positive int quantity) {
    }
}
