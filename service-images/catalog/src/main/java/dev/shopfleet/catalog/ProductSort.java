package dev.shopfleet.catalog;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The orders a shopper can ask for, by the key the API takes. */
public enum ProductSort {
    NAME("name"), PRICE("price"), PRICE_DESC("-price"), NEWEST("newest");

    private final String key;

    ProductSort(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static ProductSort fromKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst()
                .orElseThrow(() -> new HttpStatusException(HttpStatus.BAD_REQUEST, "sort must be one of "
                        + Arrays.stream(values()).map(ProductSort::key).collect(Collectors.joining(", "))));
    }
}
