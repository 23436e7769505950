package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;

/** What Prometheus scrapes of the shop (see {@link ShopMonitoring}); only where the Prometheus Operator is installed. */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class PodMonitorsDependent extends ShopBulkDependent<PodMonitor> {

    public PodMonitorsDependent() {
        super(PodMonitor.class);
    }

    @Override
    protected List<PodMonitor> desired(Shop shop) {
        return ShopMonitoring.podMonitors(shop);
    }
}
