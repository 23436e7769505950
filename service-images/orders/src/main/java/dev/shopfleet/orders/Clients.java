package dev.shopfleet.orders;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The services orders calls. The shopper's token goes to users and cart (their data, their permission);
 * inventory and payments are called as the shop itself, keyed by the order id so a retried call is harmless.
 */
public final class Clients {
    private Clients() {
    }

    @Client(id = "users")
    public interface Users {
        @Get("/users/me")
        Profile me(@Header("Authorization") String authorization);
    }

    @Client(id = "cart")
    public interface Cart {
        @Post("/cart/check")
        CartCheck check(@Header("Authorization") String authorization);

        @Delete("/cart")
        void clear(@Header("Authorization") String authorization);
    }

    @Client(id = "inventory")
    public interface Inventory {
        @Post("/reservations")
        void reserve(@Body Reservation reservation);

        @Post("/reservations/{id}/commit")
        void commit(String id);

        @Post("/reservations/{id}/release")
        void release(String id);
    }

    @Client(id = "payments")
    public interface Payments {
        @Post("/payment-methods")
        PaymentMethod tokenize(@Body Card card);

        @Post("/payments")
        Payment authorize(@Body Authorize authorize);

        @Post("/payments/{orderId}/capture")
        Payment capture(String orderId);

        @Post("/payments/{orderId}/cancel")
        Payment cancel(String orderId);
    }

    @Serdeable
    public record Profile(String id, String email, @Nullable String name) {
    }

    @Serdeable
    public record CartLine(String sku, String name, int quantity, long unitPriceMinor, String currency, long totalMinor) {
    }

    @Serdeable
    public record CartView(List<CartLine> lines, int itemCount, long totalMinor, @Nullable String currency) {
        public CartView { // empty lists do not travel (Serde leaves them out)
            lines = lines == null ? List.of() : lines;
        }
    }

    @Serdeable
    public record PriceChange(String sku, long oldUnitPriceMinor, long newUnitPriceMinor) {
    }

    @Serdeable
    public record CartCheck(CartView cart, @Nullable List<PriceChange> priceChanges, @Nullable List<String> unavailable) {
        public CartCheck {
            priceChanges = priceChanges == null ? List.of() : priceChanges;
            unavailable = unavailable == null ? List.of() : unavailable;
        }
    }

    @Serdeable
    public record ReservationLine(String sku, int quantity) {
    }

    @Serdeable
    public record Reservation(String id, List<ReservationLine> lines, int ttlSeconds) {
    }

    @Serdeable
    public record Card(String number, int expiryMonth, int expiryYear, String cvc) {
        @Override
        public String toString() {
            return "Card[redacted]";
        }
    }

    @Serdeable
    public record PaymentMethod(String token, String brand, String last4) {
    }

    @Serdeable
    public record Authorize(String orderId, String paymentMethod, long amountMinor, String currency) {
    }

    @Serdeable
    public record Payment(String orderId, String status, @Nullable String reason) {
    }
}
