package dev.shopfleet.operator.shop;

import dev.shopfleet.operator.api.ShopPlatform;

/** Shop views with the defaults of this operator's installation and what the cluster offers. */
public final class Shops {
    private static volatile OperatorDefaults defaults;
    private static volatile boolean istioInstalled;

    private Shops() {
    }

    public static Shop of(ShopPlatform resource) {
        if (defaults == null) {
            defaults = OperatorDefaults.fromConfig();
        }
        return new Shop(resource, defaults, istioInstalled);
    }

    /** Set by the reconciler from its (cached) look at the cluster's CRDs. */
    public static void istioInstalled(boolean installed) {
        istioInstalled = installed;
    }
}
