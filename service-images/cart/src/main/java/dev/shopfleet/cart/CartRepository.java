package dev.shopfleet.cart;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CartRepository extends GenericRepository<CartRepository.Line, UUID> {
    @io.micronaut.data.annotation.MappedEntity("cart_line")
    record Line(@io.micronaut.data.annotation.Id UUID cartId, String sku, String name, int quantity, long unitPriceMinor,
                String currency) {
    }

    @Query("INSERT INTO cart (id, owner) VALUES (:id, :owner) ON CONFLICT (owner) DO UPDATE SET updated_at = now()"
            + " RETURNING id")
    UUID cartOf(UUID id, String owner);

    @Query("SELECT id FROM cart WHERE owner = :owner")
    Optional<UUID> findCart(String owner);

    @Query("SELECT cart_id, sku, name, quantity, unit_price_minor, currency FROM cart_line WHERE cart_id = :cartId ORDER BY added_at, sku")
    List<Line> lines(UUID cartId);

    @Query("INSERT INTO cart_line (cart_id, sku, name, quantity, unit_price_minor, currency) VALUES (:cartId, :sku, :name, :quantity, :price, :currency)"
            + " ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = LEAST(cart_line.quantity + :quantity, 99), name = :name,"
            + " unit_price_minor = :price, currency = :currency")
    void addLine(UUID cartId, String sku, String name, int quantity, long price, String currency);

    @Query("UPDATE cart_line SET quantity = :quantity WHERE cart_id = :cartId AND sku = :sku")
    int setQuantity(UUID cartId, String sku, int quantity);

    @Query("UPDATE cart_line SET unit_price_minor = :price WHERE cart_id = :cartId AND sku = :sku")
    void setPrice(UUID cartId, String sku, long price);

    @Query("DELETE FROM cart_line WHERE cart_id = :cartId AND sku = :sku")
    int removeLine(UUID cartId, String sku);

    @Query("DELETE FROM cart_line WHERE cart_id = :cartId")
    void clear(UUID cartId);

    @Query("DELETE FROM cart WHERE id = :cartId")
    void deleteCart(UUID cartId);
}
