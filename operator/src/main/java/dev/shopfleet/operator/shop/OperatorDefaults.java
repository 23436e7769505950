package dev.shopfleet.operator.shop;

/**
 * What a ShopPlatform does not say and the operator's installation decides: where images come from by
 * default, the shop version that goes with this operator, and the image managed databases run.
 */
public record OperatorDefaults(String registry, String tag, String postgresImage) {
}
