package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.shopfleet.contract.ShopContract;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** One service of the shop. */
@ValidationRule(value = "!has(self.env) || self.env.all(e, !e.name.startsWith('SHOP_') || e.name in [" + ShopServiceSpec.SHOP_SETTABLE + "])",
        message = "env may not set SHOP_* variables: the operator sets those (a shop may set only " + ShopServiceSpec.SHOP_SETTABLE + ")")
@ValidationRule(value = "!has(self.env) || self.env.all(e, self.env.exists_one(f, f.name == e.name))",
        message = "env names must be unique: a container has one value per variable")
@ValidationRule(value = "!has(self.autoscaling) || !has(self.replicas) || self.replicas == 1",
        message = "set either replicas or autoscaling, not both: with autoscaling the autoscaler sets the replicas")
public class ShopServiceSpec {
    /** The contract's variables that are the shop's to set (users' admins, notifications' mail server). */
    static final String SHOP_SETTABLE = "'" + ShopContract.ENV_ADMIN_EMAILS + "', '" + ShopContract.ENV_SMTP_HOST + "', '"
            + ShopContract.ENV_SMTP_PORT + "', '" + ShopContract.ENV_SMTP_FROM + "'";

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
    private ResourcesSpec resources;

    @JsonPropertyDescription("Extra environment variables of the service's container.")
    @Size(max = 64) // also bounds the cost of the CEL rules above
    private List<EnvVarSpec> env = new ArrayList<>();

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

    public ResourcesSpec getResources() {
        return resources;
    }

    public void setResources(ResourcesSpec resources) {
        this.resources = resources;
    }

    public List<EnvVarSpec> getEnv() {
        return env;
    }

    public void setEnv(List<EnvVarSpec> env) {
        this.env = env;
    }

    public AutoscalingSpec getAutoscaling() {
        return autoscaling;
    }

    public void setAutoscaling(AutoscalingSpec autoscaling) {
        this.autoscaling = autoscaling;
    }
}
