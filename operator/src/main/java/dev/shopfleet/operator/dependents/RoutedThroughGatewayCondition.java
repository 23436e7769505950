package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.ShopContext;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The storefront HTTPRoute exists while the shop's route names a Gateway and the host is its own. */
public class RoutedThroughGatewayCondition implements Condition<HTTPRoute, ShopPlatform> {
    @Override
    public boolean isMet(DependentResource<HTTPRoute, ShopPlatform> dependent, ShopPlatform primary,
            Context<ShopPlatform> context) {
        return ShopContext.of(context).routedByGateway();
    }
}
