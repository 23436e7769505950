package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where the shop's pods (services and databases) may run: a platform team's node pool for the shop, say. */
public class SchedulingSpec {
    @JsonPropertyDescription("Labels a node must carry to run the shop's pods, services and databases alike.")
    @Size(max = 16)
    @ValidationRule(value = "self.all(k, " + KubernetesNames.QUALIFIED_NAME_KEY_RULE + ")",
            message = "a node label's key is an optional DNS subdomain prefix and '/', then a name of up to 63 letters, "
                    + "digits, '-', '_' or '.' that starts and ends with a letter or digit")
    private Map<String, @Pattern(KubernetesNames.LABEL_VALUE) @Size(max = 63) String> nodeSelector = new LinkedHashMap<>();

    @JsonPropertyDescription("Taints of those nodes the shop's pods tolerate.")
    @Size(max = 16)
    private List<TolerationSpec> tolerations = new ArrayList<>();

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<TolerationSpec> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<TolerationSpec> tolerations) {
        this.tolerations = tolerations;
    }
}
