package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Which traffic the shop admits: derived from the call graph, plus the two ways in from outside. */
public class MeshSpec {
    public static final String DEFAULT_INGRESS_PRINCIPAL = "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account";

    @JsonPropertyDescription("auto (default: istio when Istio's CRDs are installed, else networkpolicy), istio, "
            + "networkpolicy, or none (the operator applies no policy).")
    @Default("auto")
    private MeshMode mode = MeshMode.auto;

    @JsonPropertyDescription("The namespace of the ingress controller (or Gateway) that serves the storefront: only it may "
            + "reach the storefront. Defaults to the route's Gateway's namespace; without either, any namespace may.")
    @Pattern(KubernetesNames.LABEL)
    private String ingressNamespace;

    @JsonPropertyDescription("In istio mode, the identity of the ingress gateway that may call the storefront.")
    @Default(DEFAULT_INGRESS_PRINCIPAL)
    @Pattern("^[a-z0-9.-]+/ns/[a-z0-9-]+/sa/[a-z0-9.-]+$")
    private String ingressGatewayPrincipal = DEFAULT_INGRESS_PRINCIPAL;

    @JsonPropertyDescription("A namespace whose pods may scrape the services' metrics (e.g. where Prometheus runs).")
    @Pattern(KubernetesNames.LABEL)
    private String monitoringNamespace;

    public MeshMode getMode() {
        return mode;
    }

    public void setMode(MeshMode mode) {
        this.mode = mode;
    }

    public String getIngressNamespace() {
        return ingressNamespace;
    }

    public void setIngressNamespace(String ingressNamespace) {
        this.ingressNamespace = ingressNamespace;
    }

    public String getIngressGatewayPrincipal() {
        return ingressGatewayPrincipal;
    }

    public void setIngressGatewayPrincipal(String ingressGatewayPrincipal) {
        this.ingressGatewayPrincipal = ingressGatewayPrincipal;
    }

    public String getMonitoringNamespace() {
        return monitoringNamespace;
    }

    public void setMonitoringNamespace(String monitoringNamespace) {
        this.monitoringNamespace = monitoringNamespace;
    }
}
