package dev.shopfleet.contract;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The shop's services and who calls whom: the one place the call graph lives. The operator derives
 * configuration, validation and (later) network policy from it; the services read their callees' URLs
 * from the environment variables it names.
 */
public enum ShopService {
    STOREFRONT,
    USERS,
    CATALOG,
    CART,
    ORDERS,
    PAYMENTS,
    INVENTORY,
    NOTIFICATIONS;

    /**
     * Calls without which a service cannot work: a shop that enables the caller must enable these.
     * The storefront degrades gracefully without cart, users and orders; orders without notifications.
     */
    private static final Map<ShopService, Set<ShopService>> REQUIRES = Map.of(
            STOREFRONT, EnumSet.of(CATALOG),
            CART, EnumSet.of(CATALOG),
            ORDERS, EnumSet.of(USERS, CART, INVENTORY, PAYMENTS));

    /**
     * Calls a service makes when the callee is enabled, and survives without. Catalog, cart and
     * inventory call users only for the public keys that verify shoppers' tokens (without users,
     * they serve anonymous requests only).
     */
    private static final Map<ShopService, Set<ShopService>> OPTIONAL_CALLS = Map.of(
            STOREFRONT, EnumSet.of(USERS, CART, ORDERS),
            CATALOG, EnumSet.of(USERS),
            CART, EnumSet.of(USERS),
            INVENTORY, EnumSet.of(USERS),
            ORDERS, EnumSet.of(NOTIFICATIONS));

    /** The service's name: its Kubernetes object names, its key in the ShopPlatform spec, its image name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ShopService fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** Every service but the storefront (the gateway) owns a PostgreSQL database. */
    public boolean ownsDatabase() {
        return this != STOREFRONT;
    }

    public Set<ShopService> requires() {
        return copy(REQUIRES.get(this));
    }

    /** Every service this one calls: its required and its optional callees. */
    public Set<ShopService> calls() {
        Set<ShopService> calls = copy(REQUIRES.get(this));
        calls.addAll(copy(OPTIONAL_CALLS.get(this)));
        return calls;
    }

    /** The services that call this one. */
    public Set<ShopService> callers() {
        Set<ShopService> callers = EnumSet.noneOf(ShopService.class);
        for (ShopService caller : values()) {
            if (caller.calls().contains(this)) {
                callers.add(caller);
            }
        }
        return callers;
    }

    private static Set<ShopService> copy(Set<ShopService> services) {
        return services == null ? EnumSet.noneOf(ShopService.class) : EnumSet.copyOf(services);
    }
}
