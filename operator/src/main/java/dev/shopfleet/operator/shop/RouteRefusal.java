package dev.shopfleet.operator.shop;

import java.util.List;
import java.util.Optional;

/**
 * Why a shop gets no route although it asks for one, found at reconcile (admission cannot know the cluster): a
 * Gateway on a cluster without the Gateway API, or an IngressClass the operator's installation does not allow.
 */
public record RouteRefusal(String reason, String message) {

    /** @param allowedClasses the installation's allow-list; empty means the cluster's default class only */
    public static Optional<RouteRefusal> of(Shop shop, Optional<List<String>> allowedClasses) {
        if (!shop.isRouted()) {
            return Optional.empty();
        }
        if (shop.routesThroughGateway()) {
            return shop.capabilities().gatewayApi() ? Optional.empty() : Optional.of(new RouteRefusal("GatewayApiUnavailable",
                    "spec.route.gateway is set but the cluster has no Gateway API (" + Capabilities.GATEWAY_API_CRD
                            + "): install it, or route through an Ingress instead."));
        }
        String requested = shop.spec().getRoute().getIngressClassName();
        if (requested == null) {
            return Optional.empty(); // the cluster's default class
        }
        List<String> allowed = allowedClasses.orElseGet(() -> shop.capabilities().defaultIngressClass().stream().toList());
        return allowed.contains(requested) ? Optional.empty() : Optional.of(new RouteRefusal("IngressClassNotAllowed",
                "spec.route.ingressClassName " + requested + " is not one this installation allows ("
                        + (allowed.isEmpty() ? "the cluster has no default IngressClass" : String.join(", ", allowed))
                        + "): omit it to use the cluster's default, or ask the platform team to allow it."));
    }
}
