package dev.shopfleet.operator.dependents;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.DatabaseMode;
import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.ShopContext;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The services' Deployments wait for this: every managed database accepts connections and every
 * external one is described by a valid Secret. Services then start against a database that is there,
 * instead of crash-looping until it is.
 */
public class DatabasesReadyCondition implements Condition<StatefulSet, ShopPlatform> {

    @Override
    public boolean isMet(DependentResource<StatefulSet, ShopPlatform> dependent, ShopPlatform primary,
            Context<ShopPlatform> context) {
        ShopContext shopContext = ShopContext.of(context);
        Shop shop = shopContext.shop();
        if (!shopContext.externalDatabaseProblems().isEmpty()) {
            return false;
        }
        for (ShopService service : shop.databases(DatabaseMode.managed)) {
            boolean ready = context.getSecondaryResourcesAsStream(StatefulSet.class)
                    .filter(sts -> sts.getMetadata().getName().equals(shop.databaseName(service)))
                    .anyMatch(DatabasesReadyCondition::isReady);
            if (!ready) {
                return false;
            }
        }
        return true;
    }

    static boolean isReady(StatefulSet database) {
        Integer ready = database.getStatus() == null ? null : database.getStatus().getReadyReplicas();
        return ready != null && ready >= 1;
    }
}
