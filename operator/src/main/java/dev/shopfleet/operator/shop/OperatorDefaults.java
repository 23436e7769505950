package dev.shopfleet.operator.shop;

import dev.shopfleet.operator.api.TracingSpec;
import java.util.Optional;

/**
 * What a ShopPlatform does not say and the operator's installation decides: where images come from by
 * default, the shop version that goes with this operator, the image managed databases run, and the namespace the
 * operator runs in (whose pods may read the services' health, if it is known), and the trace collector, if any.
 */
public record OperatorDefaults(String registry, String tag, String postgresImage, Optional<String> operatorNamespace,
        Optional<TracingSpec> tracing) {
    public OperatorDefaults(String registry, String tag, String postgresImage, Optional<String> operatorNamespace) {
        this(registry, tag, postgresImage, operatorNamespace, Optional.empty());
    }
}
