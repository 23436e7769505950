package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.net.URI;

/**
 * Where the shop's services send their traces: an OpenTelemetry collector's OTLP/HTTP endpoint, and the namespace it
 * runs in, the one place the shop's traffic policy lets the services' spans go.
 */
public class TracingSpec {
    @JsonPropertyDescription("The collector's OTLP/HTTP endpoint, e.g. http://collector.tracing.svc:4318.")
    @Required
    @Size(max = 253)
    // A port NetworkPolicy takes (1-65535): the services' egress to the collector is opened on it.
    @Pattern("^https?://[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}"
            + "|655[0-2][0-9]|6553[0-5]))?/?$")
    private String endpoint;

    @JsonPropertyDescription("The namespace the collector runs in: the services may reach its pods on the endpoint's port.")
    @Required
    @Pattern(KubernetesNames.LABEL)
    private String namespace;

    public TracingSpec() {
    }

    public TracingSpec(String endpoint, String namespace) {
        this.endpoint = endpoint;
        this.namespace = namespace;
    }

    /** The endpoint's port: as written, or the scheme's. */
    public int port() {
        URI uri = URI.create(endpoint);
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }
}
