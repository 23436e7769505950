package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.ShopContext;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The storefront Ingress exists while the shop has a route without a Gateway, a storefront, and the host is its own. */
public class RouteConfiguredCondition implements Condition<Ingress, ShopPlatform> {
    @Override
    public boolean isMet(DependentResource<Ingress, ShopPlatform> dependent, ShopPlatform primary,
            Context<ShopPlatform> context) {
        return ShopContext.of(context).routedByIngress();
    }
}
