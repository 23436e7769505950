package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Toleration;

/** A pod's toleration as Kubernetes validates it, so an admitted shop never yields a pod template it refuses. */
@ValidationRule(value = "self.operator == 'Exists' || (has(self.key) && self.key != '')",
        message = "a toleration without a key tolerates every taint: its operator must be Exists")
@ValidationRule(value = "self.operator != 'Exists' || !has(self.value) || self.value == ''",
        message = "a toleration with operator Exists has no value")
@ValidationRule(value = "!has(self.tolerationSeconds) || (has(self.effect) && self.effect == 'NoExecute')",
        message = "tolerationSeconds applies to the NoExecute effect only")
public class TolerationSpec {
    public enum Operator {
        Equal,
        Exists
    }

    public enum Effect {
        NoSchedule,
        PreferNoSchedule,
        NoExecute
    }

    @JsonPropertyDescription("The taint's key; without one (and operator Exists) every taint is tolerated.")
    @Pattern(KubernetesNames.QUALIFIED_NAME)
    @Size(max = KubernetesNames.QUALIFIED_NAME_MAX)
    @ValidationRule(value = KubernetesNames.QUALIFIED_NAME_PREFIX_RULE, message = "a key's prefix is at most 253 characters")
    private String key;

    @JsonPropertyDescription("Equal: the taint has this value; Exists: any value.")
    @Default("Equal")
    private Operator operator = Operator.Equal;

    @JsonPropertyDescription("The taint's value (operator Equal).")
    @Pattern(KubernetesNames.LABEL_VALUE)
    @Size(max = 63)
    private String value;

    @JsonPropertyDescription("The taint's effect tolerated; every effect if left out.")
    private Effect effect;

    @JsonPropertyDescription("How long a pod stays on a node after a NoExecute taint appears; for ever if left out.")
    private Long tolerationSeconds;

    public Toleration toToleration() {
        return new Toleration(effect == null ? null : effect.name(), key, operator.name(), tolerationSeconds, value);
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public Operator getOperator() {
        return operator;
    }

    public void setOperator(Operator operator) {
        this.operator = operator;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public Effect getEffect() {
        return effect;
    }

    public void setEffect(Effect effect) {
        this.effect = effect;
    }

    public Long getTolerationSeconds() {
        return tolerationSeconds;
    }

    public void setTolerationSeconds(Long tolerationSeconds) {
        this.tolerationSeconds = tolerationSeconds;
    }
}
