package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU, memory and ephemeral storage of a service's container, as Kubernetes writes them (requests and limits), bounded
 * so the API server checks them at admission with the rules it applies to the pod: known names, quantities, no negative
 * amount, no limit below its request.
 */
@ValidationRule(value = "[has(self.requests) ? self.requests : {}, has(self.limits) ? self.limits : {}].all(m, m.all(k, "
        + "k in ['cpu', 'memory', 'ephemeral-storage'] && isQuantity(string(m[k])) "
        + "&& !quantity(string(m[k])).isLessThan(quantity('0'))))",
        message = "resources name cpu, memory or ephemeral-storage, each a quantity such as 250m, 1, 512Mi or 2Gi")
@ValidationRule(value = "!has(self.requests) || !has(self.limits) || self.limits.all(k, !(k in self.requests) "
        + "|| !isQuantity(string(self.limits[k])) || !isQuantity(string(self.requests[k])) "
        + "|| quantity(string(self.limits[k])).compareTo(quantity(string(self.requests[k]))) >= 0)",
        message = "a resource's limit must not be below its request")
public class ResourcesSpec {
    private static final int KINDS = 3;

    @JsonPropertyDescription("What the scheduler reserves for the container, e.g. {cpu: 100m, memory: 256Mi}.")
    @Size(max = KINDS)
    private Map<String, Quantity> requests;

    @JsonPropertyDescription("The most the container may use, e.g. {memory: 512Mi}.")
    @Size(max = KINDS)
    private Map<String, Quantity> limits;

    public Map<String, Quantity> getRequests() {
        return requests;
    }

    public void setRequests(Map<String, Quantity> requests) {
        this.requests = requests;
    }

    public Map<String, Quantity> getLimits() {
        return limits;
    }

    public void setLimits(Map<String, Quantity> limits) {
        this.limits = limits;
    }

    /** As the container takes them. */
    public ResourceRequirements toRequirements() {
        return new ResourceRequirementsBuilder()
                .withRequests(requests == null ? null : new LinkedHashMap<>(requests))
                .withLimits(limits == null ? null : new LinkedHashMap<>(limits))
                .build();
    }
}
