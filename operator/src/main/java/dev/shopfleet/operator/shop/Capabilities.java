package dev.shopfleet.operator.shop;

import java.util.Optional;
import java.util.Set;

/**
 * What the cluster offers beyond Kubernetes itself, as far as a shop is concerned: Istio's, the Gateway API's and the
 * Prometheus Operator's CRDs, and the default IngressClass. Detected in one place (the reconciler's ClusterCapabilities)
 * and read by everything else from the shop's view.
 */
public record Capabilities(boolean istio, boolean gatewayApi, Optional<String> defaultIngressClass,
        Optional<ServiceAccountIssuer> serviceAccountIssuer, Optional<StorageClasses> storageClasses,
        boolean prometheusOperator) {
    /** Istio's security API; PeerAuthentication and DestinationRule come with it. */
    public static final String ISTIO_CRD = "authorizationpolicies.security.istio.io";
    public static final String GATEWAY_API_CRD = "httproutes.gateway.networking.k8s.io";
    /** The Prometheus Operator's; both kinds a shop's monitoring is made of. */
    public static final String POD_MONITOR_CRD = "podmonitors.monitoring.coreos.com";
    public static final String PROMETHEUS_RULE_CRD = "prometheusrules.monitoring.coreos.com";
    /** How an IngressClass says it is the cluster's default. */
    public static final String DEFAULT_INGRESS_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

    public static final Capabilities NONE = new Capabilities(false, false, Optional.empty(), Optional.empty());

    /** Without a look at the cluster's StorageClasses: volumes are not checked before they are asked for. */
    public Capabilities(boolean istio, boolean gatewayApi, Optional<String> defaultIngressClass,
            Optional<ServiceAccountIssuer> serviceAccountIssuer) {
        this(istio, gatewayApi, defaultIngressClass, serviceAccountIssuer, Optional.empty(), false);
    }

    public Capabilities withPrometheusOperator(boolean present) {
        return new Capabilities(istio, gatewayApi, defaultIngressClass, serviceAccountIssuer, storageClasses, present);
    }

    /**
     * Who signs the cluster's ServiceAccount tokens and its public keys (a JWKS document), from the API server's
     * service-account issuer discovery: what the shop's services verify each other's tokens with.
     */
    public record ServiceAccountIssuer(String issuer, String jwks) {
    }

    /** The cluster's StorageClasses by name, and the one a volume without a class gets, if the cluster has one. */
    public record StorageClasses(Set<String> names, Optional<String> defaultClass) {
        public StorageClasses {
            names = Set.copyOf(names);
        }
    }
}
