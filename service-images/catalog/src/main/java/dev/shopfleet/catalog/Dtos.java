package dev.shopfleet.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What catalog's API sends and takes. */
public final class Dtos {
    private Dtos() {
    }

    @Serdeable
    public record ProductView(String sku, String name, String description, String category, long priceMinor,
                              String currency, @Nullable String imageUrl) {
        static ProductView of(Product p) {
            return new ProductView(p.sku(), p.name(), p.description(), p.category(), p.priceMinor(), p.currency(), p.imageUrl());
        }
    }

    @Serdeable
    public record ProductPage(List<ProductView> items, int page, int size, long total, int totalPages) {
    }

    /** A product as an admin creates or replaces it. */
    @Serdeable
    public record ProductInput(
            @NotBlank @Size(max = 120) String name,
            @Nullable @Size(max = 2000) String description,
            @NotBlank @Size(max = 40) String category,
            @PositiveOrZero long priceMinor,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
            @Nullable @Size(max = 500) String imageUrl) {
    }
}
