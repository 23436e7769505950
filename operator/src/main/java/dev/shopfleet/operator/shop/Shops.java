package dev.shopfleet.operator.shop;

import dev.shopfleet.operator.api.ShopPlatform;

/** Shop views with the defaults of this operator's installation. */
public final class Shops {
    private static volatile OperatorDefaults defaults;

    private Shops() {
    }

    public static Shop of(ShopPlatform resource) {
        if (defaults == null) {
            defaults = OperatorDefaults.fromConfig();
        }
        return new Shop(resource, defaults);
    }
}
