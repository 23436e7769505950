package dev.shopfleet.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The orders in which catalog lists products, by the key its API takes; callers offer exactly these. Best sellers are
 * the units sold, as catalog counts them from orders' OrderPlaced events.
 */
public enum ProductSort {
    NAME("name"), PRICE("price"), PRICE_DESC("-price"), NEWEST("newest"), BEST_SELLING("bestselling");

    public static final ProductSort DEFAULT = NAME;

    private final String key;

    ProductSort(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<ProductSort> fromKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(ProductSort::key).toList();
    }
}
