package dev.shopfleet.catalog;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProductRepository extends CrudRepository<Product, Long> {
    String MATCHES = " WHERE (:pattern = '' OR name ILIKE :pattern OR description ILIKE :pattern OR sku ILIKE :pattern)"
            + " AND (:category = '' OR category = :category)";

    Optional<Product> findBySku(String sku);

    /** One page of a search; the sort is one of {@link dev.shopfleet.contract.ProductSort}'s keys, the id breaks ties so pages are stable. */
    @Query("SELECT * FROM product" + MATCHES + " ORDER BY"
            + " CASE WHEN :sort = 'price' THEN price_minor END ASC,"
            + " CASE WHEN :sort = '-price' THEN price_minor END DESC,"
            + " CASE WHEN :sort = 'newest' THEN created_at END DESC,"
            + " CASE WHEN :sort = 'bestselling' THEN (SELECT units_sold FROM product_sales s WHERE s.sku = product.sku) END"
            + " DESC NULLS LAST,"
            + " name ASC, id ASC LIMIT :limit OFFSET :offset")
    List<Product> search(String pattern, String category, String sort, int limit, long offset);

    @Query("SELECT count(*) FROM product" + MATCHES)
    long countMatches(String pattern, String category);
}
