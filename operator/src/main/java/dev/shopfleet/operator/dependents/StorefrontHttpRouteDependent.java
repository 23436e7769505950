package dev.shopfleet.operator.dependents;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.GatewayReference;
import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.ShopContext;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The tenant's host on a Gateway API Gateway, routed to the storefront. */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class StorefrontHttpRouteDependent extends CRUDKubernetesDependentResource<HTTPRoute, ShopPlatform> {

    public StorefrontHttpRouteDependent() {
        super(HTTPRoute.class);
    }

    @Override
    protected HTTPRoute desired(ShopPlatform primary, Context<ShopPlatform> context) {
        return desired(ShopContext.of(context).shop());
    }

    static HTTPRoute desired(Shop shop) {
        String storefront = shop.objectName(ShopService.STOREFRONT);
        GatewayReference gateway = shop.spec().getRoute().getGateway();
        return new HTTPRouteBuilder()
                .withMetadata(ShopBulkDependent.metadata(shop, storefront, shop.labels(ShopService.STOREFRONT, Shop.Component.service)))
                .withNewSpec()
                .addNewParentRef()
                .withGroup("gateway.networking.k8s.io").withKind("Gateway")
                .withName(gateway.getName())
                .withNamespace(gateway.getNamespace())
                .withSectionName(gateway.getSectionName())
                .endParentRef()
                .withHostnames(shop.spec().getRoute().getHost())
                .addNewRule()
                .addNewMatch().withNewPath().withType("PathPrefix").withValue("/").endPath().endMatch()
                .addNewBackendRef().withName(storefront).withPort(ShopContract.HTTP_PORT).endBackendRef()
                .endRule()
                .endSpec()
                .build();
    }
}
