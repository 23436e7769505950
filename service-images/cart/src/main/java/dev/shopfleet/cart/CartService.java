package dev.shopfleet.cart;

import dev.shopfleet.cart.Dtos.CartView;
import dev.shopfleet.cart.Dtos.CheckResult;
import dev.shopfleet.cart.Dtos.LineView;
import dev.shopfleet.cart.Dtos.PriceChange;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.retry.exception.CircuitOpenException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What needs catalog: adding at today's price, and re-pricing before checkout. */
@Singleton
public class CartService {
    /** Anonymous carts are named by a random UUID the storefront keeps in the visitor's cookie. */
    static final String ANONYMOUS_ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private final CartStore store;
    private final CatalogClient catalog;

    CartService(CartStore store, CatalogClient catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    public CartView add(String owner, String sku, int quantity) {
        CatalogClient.Product product = product(sku)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "no product with SKU " + sku));
        return store.add(owner, product, quantity);
    }

    /** Before checkout: asks catalog for today's prices, updates the lines and says what changed. */
    public CheckResult check(String owner) {
        CartView before = store.view(owner);
        List<PriceChange> changes = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (LineView line : before.lines()) {
            var current = product(line.sku());
            if (current.isEmpty()) {
                unavailable.add(line.sku());
            } else if (current.get().priceMinor() != line.unitPriceMinor()) {
                changes.add(new PriceChange(line.sku(), line.unitPriceMinor(), current.get().priceMinor()));
            }
        }
        if (!changes.isEmpty()) {
            store.applyPrices(owner, changes);
        }
        return new CheckResult(store.view(owner), changes, unavailable);
    }

    private Optional<CatalogClient.Product> product(String sku) {
        try {
            return catalog.product(sku);
        } catch (CircuitOpenException | HttpClientException e) {
            if (e instanceof HttpClientResponseException r && r.code() < 500) {
                throw new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "catalog refused SKU " + sku + ": " + r.getMessage());
            }
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the catalogue is unavailable; try again shortly");
        }
    }
}
