package dev.shopfleet.operator.reconciler;

import dev.shopfleet.operator.shop.Capabilities;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The one place the operator looks at what the cluster offers (Istio, the Gateway API, the Prometheus Operator, the
 * default IngressClass):
 * looked up at most every half minute, for all shops at once, so a capability installed or removed later is noticed without a
 * request per reconciliation. Every reconciliation's view carries the answer; nothing else asks the cluster.
 */
@ApplicationScoped
public class ClusterCapabilities {
    private static final Logger LOG = Logger.getLogger(ClusterCapabilities.class);
    static final Duration RECHECK = Duration.ofSeconds(30);
    private static final String DEFAULT_STORAGE_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
    private final KubernetesClient client;
    private volatile Capabilities current;
    private volatile Instant checkedAt = Instant.MIN;

    ClusterCapabilities(KubernetesClient client) {
        this.client = client;
    }

    public Capabilities current() {
        Instant now = Instant.now();
        if (current == null || now.isAfter(checkedAt.plus(RECHECK))) {
            synchronized (this) {
                if (current == null || now.isAfter(checkedAt.plus(RECHECK))) {
                    current = new Capabilities(hasCrd(Capabilities.ISTIO_CRD), hasCrd(Capabilities.GATEWAY_API_CRD),
                            defaultIngressClass(), serviceAccountIssuer(), storageClasses(),
                            hasCrd(Capabilities.POD_MONITOR_CRD) && hasCrd(Capabilities.PROMETHEUS_RULE_CRD));
                    checkedAt = now;
                }
            }
        }
        return current;
    }

    /** How long a shop waiting for a capability should wait before it is looked at again. */
    public Duration recheckInterval() {
        return RECHECK;
    }

    private Optional<String> defaultIngressClass() {
        return client.network().v1().ingressClasses().list().getItems().stream()
                .filter(c -> c.getMetadata().getAnnotations() != null
                        && "true".equals(c.getMetadata().getAnnotations().get(Capabilities.DEFAULT_INGRESS_CLASS_ANNOTATION)))
                .map(c -> c.getMetadata().getName())
                .sorted()
                .findFirst();
    }

    private Optional<Capabilities.StorageClasses> storageClasses() {
        try {
            var classes = client.storage().v1().storageClasses().list().getItems();
            return Optional.of(new Capabilities.StorageClasses(
                    classes.stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet()),
                    classes.stream().filter(c -> c.getMetadata().getAnnotations() != null
                                    && "true".equals(c.getMetadata().getAnnotations().get(DEFAULT_STORAGE_CLASS_ANNOTATION)))
                            .map(c -> c.getMetadata().getName()).sorted().findFirst()));
        } catch (KubernetesClientException e) {
            LOG.warnf("the cluster's StorageClasses cannot be listed (%s): volumes are not checked", e.getMessage());
            return Optional.empty();
        }
    }

    // The API server's OIDC discovery (readable by every ServiceAccount by default): the issuer and its keys.
    private Optional<Capabilities.ServiceAccountIssuer> serviceAccountIssuer() {
        try {
            String configuration = client.raw("/.well-known/openid-configuration");
            String jwks = client.raw("/openid/v1/jwks");
            if (configuration == null || jwks == null) {
                LOG.warn("the API server publishes no service-account issuer: services cannot verify each other");
                return Optional.empty();
            }
            var discovery = Serialization.jsonMapper().readTree(configuration);
            return discovery.hasNonNull("issuer")
                    ? Optional.of(new Capabilities.ServiceAccountIssuer(discovery.get("issuer").asText(), jwks))
                    : Optional.empty();
        } catch (IOException | KubernetesClientException e) {
            LOG.warnf("the cluster's service-account issuer is not discoverable (%s): services cannot verify each other", e.getMessage());
            return Optional.empty();
        }
    }

    private boolean hasCrd(String name) {
        return client.apiextensions().v1().customResourceDefinitions().withName(name).get() != null;
    }
}
