package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

public class ImagesSpec {
    @JsonPropertyDescription("Registry and path of the shop's images, e.g. registry.example.com/shopfleet; a service's "
            + "image is <registry>/<service>:<tag>. Defaults to the operator's configured registry.")
    @Pattern(KubernetesNames.REGISTRY)
    @Size(max = 255)
    private String registry;

    @JsonPropertyDescription("The shop's version: the tag of every service image. Defaults to the operator's version.")
    @Pattern(KubernetesNames.TAG)
    private String tag;

    @JsonPropertyDescription("Image pull policy of the shop's containers.")
    @Default("IfNotPresent")
    private PullPolicy pullPolicy = PullPolicy.IfNotPresent;

    @JsonPropertyDescription("Names of Secrets in the shop's namespace used to pull the images.")
    @Size(max = 10)
    private List<@Pattern(KubernetesNames.SUBDOMAIN) @Size(max = KubernetesNames.SUBDOMAIN_MAX) String> pullSecrets =
            new ArrayList<>();

    public enum PullPolicy {
        Always,
        IfNotPresent,
        Never
    }

    public String getRegistry() {
        return registry;
    }

    public void setRegistry(String registry) {
        this.registry = registry;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    public PullPolicy getPullPolicy() {
        return pullPolicy;
    }

    public void setPullPolicy(PullPolicy pullPolicy) {
        this.pullPolicy = pullPolicy;
    }

    public List<String> getPullSecrets() {
        return pullSecrets;
    }

    public void setPullSecrets(List<String> pullSecrets) {
        this.pullSecrets = pullSecrets;
    }
}
