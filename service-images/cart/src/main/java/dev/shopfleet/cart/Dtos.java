package dev.shopfleet.cart;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

public final class Dtos {
    private Dtos() {
    }

    @Serdeable
    public record LineView(String sku, String name, int quantity, long unitPriceMinor, String currency, long totalMinor) {
    }

    @Serdeable
    public record CartView(List<LineView> lines, int itemCount, long totalMinor, String currency) {
    }

    @Serdeable
    public record AddLine(@NotBlank @Size(max = 32) String sku, @Min(1) @Max(99) int quantity) {
    }

    @Serdeable
    public record SetQuantity(@Min(0) @Max(99) int quantity) {
    }

    @Serdeable
    public record Merge(@NotBlank @Pattern(regexp = CartService.ANONYMOUS_ID, message = "is not a cart id") String anonymousCartId) {
    }

    /** A line whose price changed since it was added: what checkout shows the shopper before they pay. */
    @Serdeable
    public record PriceChange(String sku, long oldUnitPriceMinor, long newUnitPriceMinor) {
    }

    @Serdeable
    public record CheckResult(CartView cart, List<PriceChange> priceChanges, List<String> unavailable) {
    }
}
