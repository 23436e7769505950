package dev.shopfleet.storefront;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.support.CalleeFailure;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.retry.annotation.CircuitBreaker;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Optional;

/**
 * The services the web shop calls, as declarative clients: timeouts from the contract's configuration,
 * one retry for reads, and a breaker that fails fast while a service is down.
 */
public final class Clients {
    private Clients() {
    }

    @Client(id = "catalog")
    @CircuitBreaker(attempts = "1", delay = "100ms", reset = "10s", predicate = CalleeFailure.class)
    public interface Catalog {
        @Get("/products{?q,category,sort,page,size}")
        ProductPage search(@Nullable @QueryValue String q, @Nullable @QueryValue String category, @QueryValue String sort,
                           @QueryValue int page, @QueryValue int size);

        @Get("/products/{sku}")
        Optional<Product> product(String sku);

        @Get("/categories")
        List<Category> categories();
    }

    @Client(id = "users")
    @CircuitBreaker(attempts = "0", reset = "10s", predicate = CalleeFailure.class)
    public interface Users {
        @Post("/users")
        void register(@Body Registration registration);

        @Post("/login")
        Login login(@Body Credentials credentials);
    }

    @Client(id = "cart")
    @CircuitBreaker(attempts = "0", reset = "10s", predicate = CalleeFailure.class)
    public interface Cart {
        @Get("/cart")
        CartView get(@Nullable @Header("Authorization") String authorization, @Nullable @Header(ShopContract.ANONYMOUS_CART_HEADER) String anonymous);

        @Post("/cart/lines")
        CartView add(@Nullable @Header("Authorization") String authorization, @Nullable @Header(ShopContract.ANONYMOUS_CART_HEADER) String anonymous,
                     @Body AddLine line);

        @Put("/cart/lines/{sku}")
        CartView set(@Nullable @Header("Authorization") String authorization, @Nullable @Header(ShopContract.ANONYMOUS_CART_HEADER) String anonymous,
                     String sku, @Body Quantity quantity);

        @Delete("/cart/lines/{sku}")
        CartView remove(@Nullable @Header("Authorization") String authorization, @Nullable @Header(ShopContract.ANONYMOUS_CART_HEADER) String anonymous,
                        String sku);

        @Post("/cart/merge")
        CartView merge(@Header("Authorization") String authorization, @Body Merge merge);
    }

    /** No breaker: a declined card is a 4xx answer, not a sign that orders is down. */
    @Client(id = "orders")
    public interface Orders {
        @Post("/orders")
        OrderView place(@Header("Authorization") String authorization, @Header(ShopContract.IDEMPOTENCY_KEY_HEADER) String idempotencyKey,
                        @Body Checkout checkout);

        @Get("/orders")
        List<OrderView> history(@Header("Authorization") String authorization);

        @Get("/orders/{id}")
        Optional<OrderView> order(@Header("Authorization") String authorization, String id);

        @Get("/checkout/availability")
        Availability availability();
    }

    @Serdeable
    public record Card(String number, int expiryMonth, int expiryYear, String cvc) {
        @Override
        public String toString() {
            return "Card[redacted]";
        }
    }

    @Serdeable
    public record Checkout(Card card) {
    }

    @Serdeable
    public record OrderLine(String sku, String name, int quantity, long unitPriceMinor, long totalMinor) {
    }

    @Serdeable
    public record OrderStep(String state, @Nullable String note, java.time.Instant at) {
    }

    @Serdeable
    public record OrderView(String id, String status, boolean finished, @Nullable String reason, long totalMinor, String currency,
                            @Nullable String cardBrand, @Nullable String cardLast4, java.time.Instant createdAt,
                            List<OrderLine> lines, @Nullable List<OrderStep> history) {
    }

    @Serdeable
    public record Availability(boolean available, @Nullable String reason) {
    }

    @Serdeable
    public record Product(String sku, String name, String description, String category, long priceMinor, String currency,
                          @Nullable String imageUrl) {
    }

    @Serdeable
    public record ProductPage(List<Product> items, int page, int size, long total, int totalPages) {
    }

    @Serdeable
    public record Category(String slug, String name) {
    }

    @Serdeable
    public record Registration(String email, String password, String name, @Nullable String invitation) {
    }

    @Serdeable
    public record Credentials(String email, String password) {
    }

    @Serdeable
    public record Profile(String id, String email, String name) {
    }

    @Serdeable
    public record Login(String accessToken, int expiresIn, Profile user) {
    }

    @Serdeable
    public record Line(String sku, String name, int quantity, long unitPriceMinor, String currency, long totalMinor) {
    }

    @Serdeable
    public record CartView(List<Line> lines, int itemCount, long totalMinor, @Nullable String currency) {
    }

    @Serdeable
    public record AddLine(String sku, int quantity) {
    }

    @Serdeable
    public record Quantity(int quantity) {
    }

    @Serdeable
    public record Merge(String anonymousCartId) {
    }
}
