package dev.shopfleet.contract;

import java.util.regex.Pattern;

/** A product's stock-keeping unit as catalog accepts it: callers check it with the same rule before they call. */
public final class Sku {
    public static final String PATTERN = "[A-Z0-9][A-Z0-9-]{2,31}";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Sku() {
    }

    public static boolean isValid(String sku) {
        return sku != null && COMPILED.matcher(sku).matches();
    }
}
