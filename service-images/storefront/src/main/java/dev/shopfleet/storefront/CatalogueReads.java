package dev.shopfleet.storefront;

import dev.shopfleet.storefront.Clients.Category;
import dev.shopfleet.storefront.Clients.Product;
import dev.shopfleet.storefront.Clients.ProductPage;
import io.micronaut.cache.annotation.CacheConfig;
import io.micronaut.cache.annotation.Cacheable;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Catalog's answers as the pages read them, kept for a few seconds (the "catalogue" cache in application.properties:
 * how long and how many): every visitor sees the same listings, so a busy shop asks catalog once per listing and
 * period instead of once per page. A price changed in catalog shows on the pages within that period. A failed
 * call is not kept.
 */
@Singleton
@CacheConfig("catalogue")
public class CatalogueReads {
    private final Clients.Catalog catalog;

    CatalogueReads(Clients.Catalog catalog) {
        this.catalog = catalog;
    }

    @Cacheable(atomic = true)
    public ProductPage search(@Nullable String q, @Nullable String category, String sort, int page, int size) {
        return catalog.search(q, category, sort, page, size);
    }

    /** Null if catalog has no such product (not kept: a product added shows at once). */
    @Cacheable(atomic = true)
    @Nullable
    public Product product(String sku) {
        return catalog.product(sku).orElse(null);
    }

    @Cacheable(atomic = true)
    public List<Category> categories() {
        return catalog.categories();
    }
}
