package dev.shopfleet.e2e.operator;

/** A two-service shop (storefront and catalog), the smallest one that runs: cheap to bring up in tests. */
final class MinimalShops {
    private MinimalShops() {
    }

    /** {@code catalog} is the catalog's spec as a YAML flow map, {@code extraSpec} more top-level spec fields. */
    static String yaml(String name, String images, String catalog, String extraSpec) {
        return """
                apiVersion: shopfleet.dev/v1alpha1
                kind: ShopPlatform
                metadata: {name: %s}
                spec:
                  images: {registry: "%s", tag: v1}
                  services:
                    catalog: %s
                    users: {enabled: false}
                    cart: {enabled: false}
                    orders: {enabled: false}
                    payments: {enabled: false}
                    inventory: {enabled: false}
                    notifications: {enabled: false}
                %s
                """.formatted(name, images, catalog, extraSpec.indent(2));
    }
}
