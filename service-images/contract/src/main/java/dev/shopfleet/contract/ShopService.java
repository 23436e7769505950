package dev.shopfleet.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The shop's services, what sets each apart, and who calls whom: the one place this lives. The operator
 * derives configuration, validation and traffic policy from it; the services read their callees' URLs from
 * the environment variables it names; builds and tests list the services from {@link #values()}. Adding a
 * service is an entry here plus its module (README, "Adding a service").
 */
public enum ShopService {
    STOREFRONT(Trait.GATEWAY),
    USERS(Trait.OWNS_DATABASE, Trait.ISSUES_TOKENS),
    CATALOG(Trait.OWNS_DATABASE),
    CART(Trait.OWNS_DATABASE),
    ORDERS(Trait.OWNS_DATABASE, Trait.ANSWERS_AFTER_A_SAGA, Trait.KEEPS_DEAD_LETTERS),
    PAYMENTS(Trait.OWNS_DATABASE),
    INVENTORY(Trait.OWNS_DATABASE),
    NOTIFICATIONS(Trait.OWNS_DATABASE, Trait.SENDS_MAIL);

    /** What sets a service apart from the others, for the operator and the services alike. */
    public enum Trait {
        /** Shoppers' entry point (API gateway and web UI): routed from outside, shows the shop's name and theme. */
        GATEWAY,
        /** Owns a PostgreSQL database of its own. */
        OWNS_DATABASE,
        /** Signs shoppers' tokens and publishes the keys that verify them. */
        ISSUES_TOKENS,
        /** Sends email through the shop's SMTP server. */
        SENDS_MAIL,
        /** Answers only once a saga across other services has run (checkout), so callers wait longer. */
        ANSWERS_AFTER_A_SAGA,
        /** Sets aside what it could not finish after all its attempts, and counts it on /health for the operator. */
        KEEPS_DEAD_LETTERS
    }

    private static final Duration QUICK_ANSWER = Duration.ofSeconds(3);
    private static final Duration SAGA_ANSWER = Duration.ofSeconds(20);

    private final Set<Trait> traits;

    ShopService(Trait... traits) {
        this.traits = traits.length == 0 ? EnumSet.noneOf(Trait.class) : EnumSet.copyOf(Arrays.asList(traits));
    }

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

    public boolean is(Trait trait) {
        return traits.contains(trait);
    }

    public boolean isGateway() {
        return is(Trait.GATEWAY);
    }

    public boolean ownsDatabase() {
        return is(Trait.OWNS_DATABASE);
    }

    public boolean issuesTokens() {
        return is(Trait.ISSUES_TOKENS);
    }

    public boolean sendsMail() {
        return is(Trait.SENDS_MAIL);
    }

    public boolean keepsDeadLetters() {
        return is(Trait.KEEPS_DEAD_LETTERS);
    }

    /** How long a caller waits for this service's answer. */
    public Duration readTimeout() {
        return is(Trait.ANSWERS_AFTER_A_SAGA) ? SAGA_ANSWER : QUICK_ANSWER;
    }

    /** Every service, each after all the services it calls: the order to start a whole shop in. */
    public static List<ShopService> calleesFirst() {
        List<ShopService> ordered = new ArrayList<>();
        while (ordered.size() < values().length) {
            for (ShopService service : values()) {
                if (!ordered.contains(service) && ordered.containsAll(service.calls())) {
                    ordered.add(service);
                }
            }
        }
        return ordered;
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
