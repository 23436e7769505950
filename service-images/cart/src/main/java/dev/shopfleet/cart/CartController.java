package dev.shopfleet.cart;

import dev.shopfleet.cart.Dtos.AddLine;
import dev.shopfleet.cart.Dtos.CartView;
import dev.shopfleet.cart.Dtos.CheckResult;
import dev.shopfleet.cart.Dtos.Merge;
import dev.shopfleet.cart.Dtos.SetQuantity;
import dev.shopfleet.contract.ShopContract;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * The cart of whoever asks: a logged-in shopper (bearer token) or a visitor naming an anonymous cart in
 * {@value #ANONYMOUS_HEADER}.
 */
@Controller("/cart")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
public class CartController {
    static final String ANONYMOUS_HEADER = ShopContract.ANONYMOUS_CART_HEADER;
    private final CartService service;
    private final CartStore store;

    CartController(CartService service, CartStore store) {
        this.service = service;
        this.store = store;
    }

    @Operation(summary = "The cart")
    @Get
    public CartView cart(@Nullable Authentication auth, @Nullable @Header(ANONYMOUS_HEADER) String anonymous) {
        return store.view(owner(auth, anonymous));
    }

    @Operation(summary = "Add a product (at catalog's current price)")
    @Post("/lines")
    public CartView add(@Nullable Authentication auth, @Nullable @Header(ANONYMOUS_HEADER) String anonymous, @Valid @Body AddLine line) {
        return service.add(owner(auth, anonymous), line.sku(), line.quantity());
    }

    @Operation(summary = "Change a line's quantity (0 removes it)")
    @Put("/lines/{sku}")
    public CartView set(@Nullable Authentication auth, @Nullable @Header(ANONYMOUS_HEADER) String anonymous,
                        @Size(max = 32) String sku, @Valid @Body SetQuantity quantity) {
        return store.setQuantity(owner(auth, anonymous), sku, quantity.quantity());
    }

    @Operation(summary = "Remove a line")
    @Delete("/lines/{sku}")
    public CartView remove(@Nullable Authentication auth, @Nullable @Header(ANONYMOUS_HEADER) String anonymous, @Size(max = 32) String sku) {
        return store.setQuantity(owner(auth, anonymous), sku, 0);
    }

    @Operation(summary = "Empty the cart")
    @Delete
    public CartView clear(@Nullable Authentication auth, @Nullable @Header(ANONYMOUS_HEADER) String anonymous) {
        return store.clear(owner(auth, anonymous));
    }

    @Operation(summary = "Merge a visitor's anonymous cart into the logged-in shopper's cart")
    @Post("/merge")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public CartView merge(Authentication auth, @Valid @Body Merge merge) {
        return store.merge(owner(auth, null), merge.anonymousCartId());
    }

    @Operation(summary = "Re-price the cart from catalog before checkout; says what changed")
    @Post("/check")
    public CheckResult check(@Nullable Authentication auth, @Nullable @Header(ANONYMOUS_HEADER) String anonymous) {
        return service.check(owner(auth, anonymous));
    }

    private static String owner(@Nullable Authentication auth, @Nullable String anonymous) {
        if (auth != null) {
            return "user:" + auth.getName();
        }
        if (anonymous != null && anonymous.matches(CartService.ANONYMOUS_ID)) {
            return "anon:" + anonymous;
        }
        throw new HttpStatusException(HttpStatus.BAD_REQUEST,
                "log in, or name an anonymous cart (a UUID) in the " + ANONYMOUS_HEADER + " header");
    }
}
