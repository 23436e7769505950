package dev.shopfleet.cart;

import dev.shopfleet.support.CalleeFailure;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.retry.annotation.CircuitBreaker;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Optional;

/**
 * catalog, as cart sees it. Reads are idempotent: one retry, then the breaker opens for a while so a dead
 * catalog costs callers nothing but a fast 503. A 404 is an answer (no such product), not a failure.
 */
@Client(id = "catalog")
@CircuitBreaker(attempts = "1", delay = "200ms", reset = "15s", predicate = CalleeFailure.class)
public interface CatalogClient {
    @Get("/products/{sku}")
    Optional<Product> product(String sku);

    @Serdeable
    record Product(String sku, String name, long priceMinor, String currency, @Nullable String imageUrl) {
    }
}
