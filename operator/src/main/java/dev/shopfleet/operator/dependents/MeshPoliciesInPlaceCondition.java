package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.ShopContext;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The readiness of the policy step: every policy of the mode in force is in the caches. The databases and Deployments
 * wait for it; with mode istio on a cluster without Istio nothing starts at all, and the status says why.
 */
public class MeshPoliciesInPlaceCondition implements Condition<NetworkPolicy, ShopPlatform> {
    @Override
    public boolean isMet(DependentResource<NetworkPolicy, ShopPlatform> dependent, ShopPlatform primary,
            Context<ShopPlatform> context) {
        return MeshPolicies.missing(ShopContext.of(context).shop(), context).isEmpty();
    }
}
