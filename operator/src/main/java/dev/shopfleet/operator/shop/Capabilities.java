package dev.shopfleet.operator.shop;

/**
 * What the cluster offers beyond Kubernetes itself, as far as a shop is concerned: each is the presence of a CRD.
 * Detected in one place (the reconciler's ClusterCapabilities) and read by everything else from the shop's view.
 */
public record Capabilities(boolean istio, boolean gatewayApi) {
    /** Istio's security API; PeerAuthentication and DestinationRule come with it. */
    public static final String ISTIO_CRD = "authorizationpolicies.security.istio.io";
    public static final String GATEWAY_API_CRD = "httproutes.gateway.networking.k8s.io";

    public static final Capabilities NONE = new Capabilities(false, false);
}
