package dev.shopfleet.operator.shop;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What a ShopPlatform does not say and the operator's installation decides: where images come from by
 * default, the shop version that goes with this operator, and the image managed databases run.
 */
public record OperatorDefaults(String registry, String tag, String postgresImage) {

    public static OperatorDefaults fromConfig() {
        var config = ConfigProvider.getConfig();
        return new OperatorDefaults(
                config.getValue("shopfleet.images.registry", String.class),
                config.getValue("shopfleet.images.tag", String.class),
                config.getValue("shopfleet.database.image", String.class));
    }
}
