package dev.shopfleet.catalog;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** How many of a product have sold, as counted from orders' events. */
@MappedEntity("product_sales")
public record ProductSales(@Id String sku, long unitsSold, Instant updatedAt) {
}
