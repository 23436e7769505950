package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.Required;

/** A Gateway API Gateway the storefront's HTTPRoute attaches to. */
public class GatewayReference {
    @Required
    @Pattern(KubernetesNames.SUBDOMAIN)
    @Size(max = KubernetesNames.SUBDOMAIN_MAX)
    private String name;

    @JsonPropertyDescription("The Gateway's namespace; the shop's when omitted.")
    @Pattern(KubernetesNames.LABEL)
    private String namespace;

    @JsonPropertyDescription("The Gateway listener to attach to; all that accept the route when omitted.")
    @Pattern(KubernetesNames.SUBDOMAIN)
    @Size(max = KubernetesNames.SUBDOMAIN_MAX)
    private String sectionName;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getSectionName() {
        return sectionName;
    }

    public void setSectionName(String sectionName) {
        this.sectionName = sectionName;
    }
}
