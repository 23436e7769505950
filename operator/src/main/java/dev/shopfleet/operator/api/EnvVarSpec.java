package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * An environment variable of a service's container, as Kubernetes writes one, limited to what a shop needs and
 * bounded so the API server can check it at admission: a literal value, or a key of a Secret or ConfigMap, or a field
 * of the pod.
 */
@ValidationRule(value = "!has(self.value) || !has(self.valueFrom)",
        message = "an env entry has a value or a valueFrom, not both")
public class EnvVarSpec {
    @JsonPropertyDescription("The variable's name: printable ASCII characters other than '='.")
    @Required
    @Pattern(KubernetesNames.ENV_NAME)
    @Size(max = KubernetesNames.ENV_NAME_MAX)
    private String name;

    @JsonPropertyDescription("The value, passed as typed ($(VAR) is not expanded).")
    @Size(max = KubernetesNames.ENV_VALUE_MAX)
    @Pattern(KubernetesNames.TEXT)
    private String value;

    @JsonPropertyDescription("Where the value comes from instead.")
    private EnvVarSourceSpec valueFrom;

    public EnvVarSpec() {
    }

    public EnvVarSpec(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public EnvVarSourceSpec getValueFrom() {
        return valueFrom;
    }

    public void setValueFrom(EnvVarSourceSpec valueFrom) {
        this.valueFrom = valueFrom;
    }
}
