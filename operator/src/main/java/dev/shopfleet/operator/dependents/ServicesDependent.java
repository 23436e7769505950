package dev.shopfleet.operator.dependents;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.operator.api.DatabaseMode;
import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.List;

/** The stable addresses: one Service per enabled service, one per managed database, one for the broker. */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class ServicesDependent extends ShopBulkDependent<Service> {

    public ServicesDependent() {
        super(Service.class);
    }

    @Override
    protected List<Service> desired(Shop shop) {
        List<Service> services = new ArrayList<>();
        for (var service : shop.enabledServices()) {
            services.add(new ServiceBuilder()
                    .withMetadata(metadata(shop, shop.objectName(service), shop.labels(service, Shop.Component.service)))
                    .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(shop.selectorLabels(service, Shop.Component.service))
                    .addNewPort().withName("http").withProtocol("TCP").withAppProtocol("http")
                    .withPort(ShopContract.HTTP_PORT).withTargetPort(new IntOrString("http")).endPort()
                    .endSpec()
                    .build());
        }
        for (var service : shop.databases(DatabaseMode.managed)) {
            services.add(new ServiceBuilder()
                    .withMetadata(metadata(shop, shop.databaseName(service), shop.labels(service, Shop.Component.database)))
                    .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(shop.selectorLabels(service, Shop.Component.database))
                    .addNewPort().withName("postgres").withProtocol("TCP")
                    .withPort(Shop.DATABASE_PORT).withTargetPort(new IntOrString("postgres")).endPort()
                    .endSpec()
                    .build());
        }
        if (shop.usesBroker()) {
            services.add(ShopBroker.service(shop));
        }
        return services;
    }
}
