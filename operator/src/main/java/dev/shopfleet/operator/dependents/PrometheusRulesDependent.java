package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;

/** The shop's alerts (see {@link ShopMonitoring}); only where the Prometheus Operator is installed. */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class PrometheusRulesDependent extends ShopBulkDependent<PrometheusRule> {

    public PrometheusRulesDependent() {
        super(PrometheusRule.class);
    }

    @Override
    protected List<PrometheusRule> desired(Shop shop) {
        return ShopMonitoring.prometheusRules(shop);
    }
}
