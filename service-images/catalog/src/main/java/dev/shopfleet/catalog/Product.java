package dev.shopfleet.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("product")
public record Product(@Id @GeneratedValue Long id, String sku, String name, String description, String category,
                      long priceMinor, String currency, @Nullable String imageUrl, Instant createdAt, Instant updatedAt) {
}
