package dev.shopfleet.inventory;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stock moves only through single conditional UPDATEs: two reservations racing for the last unit cannot
 * both win, because the row's WHERE clause is re-checked under its lock.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InventoryRepository extends CrudRepository<Stock, String> {
    List<Stock> findBySkuInList(List<String> skus);

    @Query("UPDATE stock SET reserved = reserved + :quantity WHERE sku = :sku AND on_hand - reserved >= :quantity")
    int tryReserve(String sku, int quantity);

    @Query("UPDATE stock SET reserved = reserved - :quantity WHERE sku = :sku")
    int unreserve(String sku, int quantity);

    @Query("UPDATE stock SET reserved = reserved - :quantity, on_hand = on_hand - :quantity WHERE sku = :sku")
    int take(String sku, int quantity);

    @Query("INSERT INTO stock (sku, on_hand) VALUES (:sku, :onHand) ON CONFLICT (sku) DO UPDATE SET on_hand = :onHand"
            + " WHERE stock.reserved <= :onHand")
    int setOnHand(String sku, int onHand);

    @Query("SELECT status FROM reservation WHERE id = :id FOR UPDATE")
    Optional<String> lockReservation(String id);

    @Query("SELECT expires_at FROM reservation WHERE id = :id")
    Optional<Instant> expiresAt(String id);

    @Query("INSERT INTO reservation (id, status, expires_at) VALUES (:id, 'RESERVED', :expiresAt)")
    void insertReservation(String id, Instant expiresAt);

    @Query("INSERT INTO reservation_line (reservation_id, sku, quantity) VALUES (:id, :sku, :quantity)")
    void insertLine(String id, String sku, int quantity);

    @Query("UPDATE reservation SET status = :status WHERE id = :id")
    void setStatus(String id, String status);

    @Query("SELECT sku || ':' || quantity FROM reservation_line WHERE reservation_id = :id ORDER BY sku")
    List<String> lines(String id);

    @Query("SELECT id FROM reservation WHERE status = 'RESERVED' AND expires_at < now() ORDER BY expires_at"
            + " LIMIT 100 FOR UPDATE SKIP LOCKED")
    List<String> lockDue();
}
