package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.shopfleet.contract.ShopContract;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

/** One service of the shop. */
@ValidationRule(value = "!has(self.env) || self.env.all(e, !e.name.startsWith('SHOP_') || e.name in [" + ShopServiceSpec.SHOP_SETTABLE + "])",
        message = "env may not set SHOP_* variables: the operator sets those (a shop may set only " + ShopServiceSpec.SHOP_SETTABLE + ")")
@ValidationRule(value = "!has(self.env) || self.env.all(e, e.name.matches(r'" + KubernetesNames.ENV_NAME + "'))",
        message = "env names are printable ASCII characters other than '='")
@ValidationRule(value = "!has(self.env) || self.env.all(e, !has(e.valueFrom) || !has(e.value) && ("
        + ShopServiceSpec.SECRET_REF + " || " + ShopServiceSpec.CONFIG_MAP_REF + " || " + ShopServiceSpec.FIELD_REF + "))",
        message = "an env entry has a value, or a valueFrom with one secretKeyRef or configMapKeyRef (name and key) or a "
                + "fieldRef to the pod's metadata.name, metadata.namespace, spec.nodeName, spec.serviceAccountName, "
                + "status.podIP or status.hostIP")
@ValidationRule(value = "!has(self.resources) || !has(self.resources.claims)",
        message = "resources.claims (dynamic resource allocation) is not supported")
@ValidationRule(value = "!has(self.resources) || [has(self.resources.requests) ? self.resources.requests : {}, "
        + "has(self.resources.limits) ? self.resources.limits : {}].all(m, m.all(k, k in ['cpu', 'memory', 'ephemeral-storage'] "
        + "&& isQuantity(string(m[k])) && quantity(string(m[k])).sign() >= 0))",
        message = "resources name cpu, memory or ephemeral-storage, each a quantity such as 250m, 1, 512Mi or 2Gi")
@ValidationRule(value = "!has(self.resources) || !has(self.resources.requests) || !has(self.resources.limits) || "
        + "self.resources.limits.all(k, !(k in self.resources.requests) || !isQuantity(string(self.resources.limits[k])) "
        + "|| !isQuantity(string(self.resources.requests[k])) "
        + "|| quantity(string(self.resources.limits[k])).compareTo(quantity(string(self.resources.requests[k]))) >= 0)",
        message = "a resource's limit must not be below its request")
@ValidationRule(value = "!has(self.autoscaling) || !has(self.replicas) || self.replicas == 1",
        message = "set either replicas or autoscaling, not both: with autoscaling the autoscaler sets the replicas")
public class ShopServiceSpec {
    /** The contract's variables that are the shop's to set (users' admins, notifications' mail server). */
    static final String SHOP_SETTABLE = "'" + ShopContract.ENV_ADMIN_EMAILS + "', '" + ShopContract.ENV_SMTP_HOST + "', '"
            + ShopContract.ENV_SMTP_PORT + "', '" + ShopContract.ENV_SMTP_FROM + "'";

    // One secretKeyRef, configMapKeyRef or fieldRef, complete, and nothing else, in CEL (e is an env entry).
    static final String SECRET_REF = "(has(e.valueFrom.secretKeyRef) && !has(e.valueFrom.configMapKeyRef) "
            + "&& !has(e.valueFrom.fieldRef) && !has(e.valueFrom.resourceFieldRef) && " + ShopServiceSpec.KEY_REF_SECRET + ")";
    static final String CONFIG_MAP_REF = "(has(e.valueFrom.configMapKeyRef) && !has(e.valueFrom.secretKeyRef) "
            + "&& !has(e.valueFrom.fieldRef) && !has(e.valueFrom.resourceFieldRef) && " + ShopServiceSpec.KEY_REF_CONFIG_MAP + ")";
    static final String FIELD_REF = "(has(e.valueFrom.fieldRef) && !has(e.valueFrom.secretKeyRef) "
            + "&& !has(e.valueFrom.configMapKeyRef) && !has(e.valueFrom.resourceFieldRef) && has(e.valueFrom.fieldRef.fieldPath) "
            + "&& e.valueFrom.fieldRef.fieldPath in ['metadata.name', 'metadata.namespace', 'spec.nodeName', "
            + "'spec.serviceAccountName', 'status.podIP', 'status.hostIP'])";
    static final String KEY_REF_SECRET = "has(e.valueFrom.secretKeyRef.name) && has(e.valueFrom.secretKeyRef.key)"
            + " && e.valueFrom.secretKeyRef.name.size() <= " + KubernetesNames.SUBDOMAIN_MAX
            + " && e.valueFrom.secretKeyRef.name.matches(r'" + KubernetesNames.SUBDOMAIN + "')"
            + " && e.valueFrom.secretKeyRef.key.size() <= " + KubernetesNames.SUBDOMAIN_MAX
            + " && e.valueFrom.secretKeyRef.key.matches(r'" + KubernetesNames.KEY + "')";
    static final String KEY_REF_CONFIG_MAP = "has(e.valueFrom.configMapKeyRef.name) && has(e.valueFrom.configMapKeyRef.key)"
            + " && e.valueFrom.configMapKeyRef.name.size() <= " + KubernetesNames.SUBDOMAIN_MAX
            + " && e.valueFrom.configMapKeyRef.name.matches(r'" + KubernetesNames.SUBDOMAIN + "')"
            + " && e.valueFrom.configMapKeyRef.key.size() <= " + KubernetesNames.SUBDOMAIN_MAX
            + " && e.valueFrom.configMapKeyRef.key.matches(r'" + KubernetesNames.KEY + "')";

    @JsonPropertyDescription("Run this service. A disabled service's objects are removed; its data is kept or "
            + "removed as deletionPolicy says.")
    @Default("true")
    private boolean enabled = true;

    @JsonPropertyDescription("Pods of this service (ignored with autoscaling).")
    @Min(0)
    @Max(50)
    @Default("1")
    private int replicas = 1;

    @JsonPropertyDescription("A full image reference replacing <registry>/<service>:<tag> for this service.")
    @Pattern(KubernetesNames.IMAGE)
    @Size(max = KubernetesNames.IMAGE_MAX)
    private String image;

    @JsonPropertyDescription("CPU and memory of the service's container; sensible defaults when omitted.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Extra environment variables of the service's container.")
    @Size(max = 100) // also bounds the cost of the CEL rule above
    private List<EnvVar> env = new ArrayList<>();

    @JsonPropertyDescription("Scale on CPU with a HorizontalPodAutoscaler instead of fixed replicas.")
    private AutoscalingSpec autoscaling;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getReplicas() {
        return replicas;
    }

    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public List<EnvVar> getEnv() {
        return env;
    }

    public void setEnv(List<EnvVar> env) {
        this.env = env;
    }

    public AutoscalingSpec getAutoscaling() {
        return autoscaling;
    }

    public void setAutoscaling(AutoscalingSpec autoscaling) {
        this.autoscaling = autoscaling;
    }
}
