package dev.shopfleet.storefront;

import dev.shopfleet.contract.Sku;
import dev.shopfleet.storefront.Clients.AddLine;
import dev.shopfleet.storefront.Clients.CartView;
import dev.shopfleet.storefront.Clients.Quantity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

/** The cart page and its forms: add a product, change a quantity (0 removes the line). */
@WebPages
public class CartPages {
    private static final int MAX_QUANTITY = 99;
    private static final String NO_SUCH_PRODUCT = "There is no such product in this shop.";
    private static final String CART_DOWN = "The cart is unavailable right now; your change was not saved.";
    private final Pages pages;
    private final Clients.Cart cart;

    CartPages(Pages pages, Clients.Cart cart) {
        this.pages = pages;
        this.cart = cart;
    }

    @Get("/cart")
    public MutableHttpResponse<?> cartPage(HttpRequest<?> request) {
        Shopper shopper = Shopper.of(request);
        return pages.page(shopper, HttpStatus.OK, "cart", pages.model(shopper));
    }

    @Post(value = "/cart/add", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> add(HttpRequest<?> request, String sku, @Nullable Integer quantity) {
        Shopper shopper = Shopper.of(request);
        if (!Sku.isValid(sku)) {
            return withError(shopper, HttpStatus.BAD_REQUEST, NO_SUCH_PRODUCT);
        }
        int q = quantity == null ? 1 : Math.max(1, Math.min(MAX_QUANTITY, quantity));
        return change(shopper, () -> cart.add(shopper.authorization(), shopper.anonymousHeader(), new AddLine(sku, q)));
    }

    @Post(value = "/cart/update", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> update(HttpRequest<?> request, String sku, int quantity) {
        Shopper shopper = Shopper.of(request);
        if (!Sku.isValid(sku)) {
            return withError(shopper, HttpStatus.BAD_REQUEST, NO_SUCH_PRODUCT);
        }
        int q = Math.max(0, Math.min(MAX_QUANTITY, quantity));
        return change(shopper, () -> q == 0 ? cart.remove(shopper.authorization(), shopper.anonymousHeader(), sku)
                : cart.set(shopper.authorization(), shopper.anonymousHeader(), sku, new Quantity(q)));
    }

    private MutableHttpResponse<?> change(Shopper shopper, Supplier<CartView> change) {
        try {
            change.get();
            return shopper.withCartCookie(HttpResponse.seeOther(URI.create("/cart")));
        } catch (HttpClientResponseException e) {
            boolean refused = e.code() < 500;
            return withError(shopper, refused ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.SERVICE_UNAVAILABLE,
                    refused ? Pages.detail(e) : CART_DOWN);
        } catch (RuntimeException e) {
            return withError(shopper, HttpStatus.SERVICE_UNAVAILABLE, CART_DOWN);
        }
    }

    private MutableHttpResponse<?> withError(Shopper shopper, HttpStatus status, String error) {
        Map<String, Object> model = pages.model(shopper);
        model.put("error", error);
        return pages.page(shopper, status, "cart", model);
    }
}
