package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.ShopContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * A monitoring dependent (and its informer) is active only while the cluster has the Prometheus Operator's CRDs, as the
 * operator's one capability detection sees them: installed or removed later, it is noticed within half a minute.
 */
public class PrometheusOperatorPresentCondition<R extends HasMetadata> implements Condition<R, ShopPlatform> {
    @Override
    public boolean isMet(DependentResource<R, ShopPlatform> dependent, ShopPlatform primary, Context<ShopPlatform> context) {
        return ShopContext.of(context).capabilities().prometheusOperator();
    }
}
