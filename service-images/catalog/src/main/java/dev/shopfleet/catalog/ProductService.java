package dev.shopfleet.catalog;

import dev.shopfleet.catalog.Dtos.ProductInput;
import dev.shopfleet.catalog.Dtos.ProductPage;
import dev.shopfleet.catalog.Dtos.ProductView;
import dev.shopfleet.contract.ProductSort;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Singleton
public class ProductService {
    private static final Logger LOG = LoggerFactory.getLogger(ProductService.class);
    private final ProductRepository products;
    private final CategoryRepository categories;

    ProductService(ProductRepository products, CategoryRepository categories) {
        this.products = products;
        this.categories = categories;
    }

    @Transactional(readOnly = true)
    public ProductPage search(String text, String category, ProductSort sort, int page, int size) {
        String pattern = text == null || text.isBlank() ? "" : "%" + escapeLike(text.trim()) + "%";
        String cat = category == null ? "" : category;
        List<ProductView> items = products.search(pattern, cat, sort.key(), size, (long) page * size)
                .stream().map(ProductView::of).toList();
        long total = products.countMatches(pattern, cat);
        return new ProductPage(items, page, size, total, (int) ((total + size - 1) / size));
    }

    public Optional<ProductView> find(String sku) {
        return products.findBySku(sku).map(ProductView::of);
    }

    public List<Category> categories() {
        return categories.findAllOrderByName();
    }

    /** Creates the product, or replaces it if the SKU exists; says whether it was created. */
    @Transactional
    public boolean upsert(String sku, ProductInput in) {
        if (!categories.existsById(in.category())) {
            throw new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "category '" + in.category() + "' does not exist");
        }
        Instant now = Instant.now();
        Optional<Product> existing = products.findBySku(sku);
        String description = in.description() == null ? "" : in.description();
        if (existing.isPresent()) {
            Product p = existing.get();
            products.update(new Product(p.id(), sku, in.name(), description, in.category(), in.priceMinor(),
                    in.currency(), in.imageUrl(), p.createdAt(), now));
            LOG.info("product {} updated", sku);
            return false;
        }
        products.save(new Product(null, sku, in.name(), description, in.category(), in.priceMinor(), in.currency(),
                in.imageUrl(), now, now));
        LOG.info("product {} created", sku);
        return true;
    }

    /** LIKE treats % and _ as wildcards: a shopper searching for "50%" means the characters. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
