package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** How shoppers reach the storefront: an Ingress by default, or an HTTPRoute on a Gateway API Gateway. */
@ValidationRule(value = "!has(self.gateway) || !has(self.ingressClassName)",
        message = "route through a Gateway (gateway) or an Ingress (ingressClassName), not both")
@ValidationRule(value = "!self.host.matches('^[0-9.]+$')",
        message = "host must be a DNS name: an IP address cannot be an Ingress or HTTPRoute host")
@ValidationRule(value = "!has(self.gateway) || !has(self.tlsSecretName)",
        message = "with a Gateway, TLS is configured on the Gateway's listener, not with tlsSecretName")
public class RouteSpec {
    @JsonPropertyDescription("The tenant's host name, e.g. shop.example.com.")
    @Required
    @Size(max = KubernetesNames.SUBDOMAIN_MAX)
    @Pattern(KubernetesNames.SUBDOMAIN)
    private String host;

    @JsonPropertyDescription("A kubernetes.io/tls Secret for the host; without it the storefront is served over HTTP.")
    @Pattern(KubernetesNames.SUBDOMAIN)
    @Size(max = KubernetesNames.SUBDOMAIN_MAX)
    private String tlsSecretName;

    @JsonPropertyDescription("The IngressClass to use; the cluster's default class when omitted.")
    @Pattern(KubernetesNames.SUBDOMAIN)
    @Size(max = KubernetesNames.SUBDOMAIN_MAX)
    private String ingressClassName;

    @JsonPropertyDescription("Route through this Gateway API Gateway with an HTTPRoute instead of an Ingress "
            + "(the cluster must have the Gateway API).")
    private GatewayReference gateway;

    public GatewayReference getGateway() {
        return gateway;
    }

    public void setGateway(GatewayReference gateway) {
        this.gateway = gateway;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public String getTlsSecretName() {
        return tlsSecretName;
    }

    public void setTlsSecretName(String tlsSecretName) {
        this.tlsSecretName = tlsSecretName;
    }

    public String getIngressClassName() {
        return ingressClassName;
    }

    public void setIngressClassName(String ingressClassName) {
        this.ingressClassName = ingressClassName;
    }
}
