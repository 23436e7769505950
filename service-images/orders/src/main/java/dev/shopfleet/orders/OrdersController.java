package dev.shopfleet.orders;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.orders.Dtos.Availability;
import dev.shopfleet.orders.Dtos.Checkout;
import dev.shopfleet.orders.Dtos.OrderView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class OrdersController {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private final CheckoutService checkout;
    private final OrderQueries queries;
    private final PaymentsAvailability availability;

    OrdersController(CheckoutService checkout, OrderQueries queries, PaymentsAvailability availability) {
        this.checkout = checkout;
        this.queries = queries;
        this.availability = availability;
    }

    @Operation(summary = "Check out the shopper's cart. The same Idempotency-Key again returns the same order, charged once")
    @Post("/orders")
    public HttpResponse<OrderView> place(Authentication shopper, @Header("Authorization") String authorization,
                                         @Nullable @Header(ShopContract.IDEMPOTENCY_KEY_HEADER) String key,
                                         @Valid @Body Checkout body) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "an " + ShopContract.IDEMPOTENCY_KEY_HEADER
                    + " header of 8-64 letters, digits, - or _ is required (a new one per checkout, the same one to retry)");
        }
        CheckoutService.Placed placed = checkout.place(shopper.getName(), authorization, key, body.card());
        return placed.created() ? HttpResponse.created(placed.order()) : HttpResponse.ok(placed.order());
    }

    @Operation(summary = "The shopper's orders, newest first")
    @Get("/orders{?page,size}")
    public List<OrderView> history(Authentication shopper, @Nullable @QueryValue @Min(0) @Max(1000) Integer page,
                                   @Nullable @QueryValue @Min(1) @Max(100) Integer size) {
        return queries.history(shopper.getName(), page == null ? 0 : page, size == null ? 20 : size);
    }

    @Operation(summary = "One of the shopper's orders, with its history")
    @Get("/orders/{id}")
    public OrderView order(Authentication shopper, UUID id) {
        return queries.mine(shopper.getName(), id)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no order " + id));
    }

    @Operation(summary = "Whether checkout can take payments right now")
    @Get("/checkout/availability")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public Availability checkoutAvailability() {
        return availability.now();
    }
}
