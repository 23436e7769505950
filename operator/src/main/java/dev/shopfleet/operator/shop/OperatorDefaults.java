package dev.shopfleet.operator.shop;

import java.util.Optional;

/**
 * What a ShopPlatform does not say and the operator's installation decides: where images come from by
 * default, the shop version that goes with this operator, the image managed databases run, and the namespace the
 * operator runs in (whose pods may read the services' health, if it is known).
 */
public record OperatorDefaults(String registry, String tag, String postgresImage, Optional<String> operatorNamespace) {
}
