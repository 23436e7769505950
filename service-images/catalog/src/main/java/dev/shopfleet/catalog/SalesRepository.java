package dev.shopfleet.catalog;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SalesRepository extends CrudRepository<ProductSales, String> {
    /** 1 the first time an event is counted, 0 for any delivery after that. */
    @Query("INSERT INTO counted_event (event_id, order_id) VALUES (:eventId, :orderId) ON CONFLICT DO NOTHING")
    int markCounted(UUID eventId, String orderId);

    @Query("INSERT INTO product_sales (sku, units_sold) VALUES (:sku, :units) ON CONFLICT (sku)"
            + " DO UPDATE SET units_sold = product_sales.units_sold + EXCLUDED.units_sold, updated_at = now()")
    int addSold(String sku, long units);
}
