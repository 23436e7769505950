package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;

/** One identity per service: what mesh policies name. No service talks to the Kubernetes API. */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class ServiceAccountsDependent extends ShopBulkDependent<ServiceAccount> {

    public ServiceAccountsDependent() {
        super(ServiceAccount.class);
    }

    @Override
    protected List<ServiceAccount> desired(Shop shop) {
        return shop.enabledServices().stream()
                .map(service -> new ServiceAccountBuilder()
                        .withMetadata(metadata(shop, shop.objectName(service), shop.labels(service, Shop.Component.service)))
                        .withAutomountServiceAccountToken(false)
                        .build())
                .toList();
    }
}
