package dev.shopfleet.operator.api;

/** How the shop's traffic policy is enforced. */
public enum MeshMode {
    /** Istio when its CRDs are installed, otherwise Kubernetes NetworkPolicy. */
    auto,
    /** Istio: STRICT mutual TLS and authorization by workload identity (the pods get Istio's sidecar). */
    istio,
    /** Kubernetes NetworkPolicies (the cluster's network plugin must enforce them). */
    networkpolicy,
    /** No policy from the operator: the shop's pods can reach and be reached as the cluster allows. */
    none
}
