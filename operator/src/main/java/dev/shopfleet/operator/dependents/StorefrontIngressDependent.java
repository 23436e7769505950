package dev.shopfleet.operator.dependents;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.RouteSpec;
import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.ShopContext;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The tenant's host, routed to the storefront. Exists only while the shop has a route and a storefront. */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class StorefrontIngressDependent extends CRUDKubernetesDependentResource<Ingress, ShopPlatform> {

    public StorefrontIngressDependent() {
        super(Ingress.class);
    }

    @Override
    protected Ingress desired(ShopPlatform primary, Context<ShopPlatform> context) {
        return desired(ShopContext.of(context).shop());
    }

    static Ingress desired(Shop shop) {
        RouteSpec route = shop.spec().getRoute();
        String storefront = shop.objectName(ShopService.STOREFRONT);
        var ingress = new IngressBuilder()
                .withMetadata(ShopBulkDependent.metadata(shop, storefront, shop.labels(ShopService.STOREFRONT, Shop.Component.service)))
                .withNewSpec()
                .withIngressClassName(route.getIngressClassName())
                .addNewRule()
                .withHost(route.getHost())
                .withNewHttp()
                .addNewPath().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName(storefront).withNewPort().withName("http").endPort()
                .endService().endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec();
        if (route.getTlsSecretName() != null) {
            ingress.editSpec().withTls(new IngressTLSBuilder().withHosts(route.getHost())
                    .withSecretName(route.getTlsSecretName()).build()).endSpec();
        }
        return ingress.build();
    }
}
