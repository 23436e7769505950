package dev.shopfleet.cart;

import dev.shopfleet.cart.CartRepository.Line;
import dev.shopfleet.cart.Dtos.CartView;
import dev.shopfleet.cart.Dtos.LineView;
import dev.shopfleet.cart.Dtos.PriceChange;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/** The carts in cart's database: each change one transaction. Remote calls happen before, in {@link CartService}. */
@Singleton
public class CartStore {
    static final int MAX_LINES = 50;
    private final CartRepository carts;

    CartStore(CartRepository carts) {
        this.carts = carts;
    }

    @Transactional
    public CartView view(String owner) {
        return carts.findCart(owner).map(id -> view(carts.lines(id))).orElse(new CartView(List.of(), 0, 0, null));
    }

    @Transactional
    public CartView add(String owner, CatalogClient.Product product, int quantity) {
        UUID cart = carts.cartOf(UUID.randomUUID(), owner);
        List<Line> lines = carts.lines(cart);
        if (lines.stream().anyMatch(l -> !l.currency().equals(product.currency()))) {
            throw new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "this cart is in " + lines.get(0).currency()
                    + "; " + product.sku() + " is priced in " + product.currency());
        }
        if (lines.size() >= MAX_LINES && lines.stream().noneMatch(l -> l.sku().equals(product.sku()))) {
            throw new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "a cart holds at most " + MAX_LINES + " different products");
        }
        carts.addLine(cart, product.sku(), product.name(), quantity, product.priceMinor(), product.currency());
        return view(carts.lines(cart));
    }

    @Transactional
    public CartView setQuantity(String owner, String sku, int quantity) {
        UUID cart = carts.findCart(owner).orElseThrow(() -> notInCart(sku));
        int changed = quantity == 0 ? carts.removeLine(cart, sku) : carts.setQuantity(cart, sku, quantity);
        if (changed == 0) {
            throw notInCart(sku);
        }
        return view(carts.lines(cart));
    }

    @Transactional
    public CartView clear(String owner) {
        carts.findCart(owner).ifPresent(carts::clear);
        return view(owner);
    }

    /** A visitor logs in: their anonymous cart's lines join their own cart, and the anonymous cart is gone. */
    @Transactional
    public CartView merge(String owner, String anonymousCartId) {
        carts.findCart("anon:" + anonymousCartId).ifPresent(anonymous -> {
            UUID cart = carts.cartOf(UUID.randomUUID(), owner);
            for (Line l : carts.lines(anonymous)) {
                carts.addLine(cart, l.sku(), l.name(), l.quantity(), l.unitPriceMinor(), l.currency());
            }
            carts.deleteCart(anonymous);
        });
        return view(owner);
    }

    @Transactional
    public void applyPrices(String owner, List<PriceChange> changes) {
        carts.findCart(owner).ifPresent(cart -> changes.forEach(c -> carts.setPrice(cart, c.sku(), c.newUnitPriceMinor())));
    }

    private static CartView view(List<Line> lines) {
        List<LineView> views = lines.stream().map(l -> new LineView(l.sku(), l.name(), l.quantity(), l.unitPriceMinor(),
                l.currency(), l.unitPriceMinor() * l.quantity())).toList();
        return new CartView(views, views.stream().mapToInt(LineView::quantity).sum(),
                views.stream().mapToLong(LineView::totalMinor).sum(), lines.isEmpty() ? null : lines.get(0).currency());
    }

    private static HttpStatusException notInCart(String sku) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, sku + " is not in the cart");
    }
}
