package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;

/** Connection limits, outlier detection and Istio mutual TLS towards each service (mesh mode istio; see {@link IstioPolicies}). */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class DestinationRulesDependent extends ShopBulkDependent<DestinationRule> {

    public DestinationRulesDependent() {
        super(DestinationRule.class);
    }

    @Override
    protected List<DestinationRule> desired(Shop shop) {
        return IstioPolicies.destinationRules(shop);
    }
}
