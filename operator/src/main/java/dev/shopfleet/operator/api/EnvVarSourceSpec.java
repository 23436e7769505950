package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One source of an environment variable's value. */
@ValidationRule(value = "[has(self.secretKeyRef), has(self.configMapKeyRef), has(self.fieldRef)].filter(x, x).size() == 1",
        message = "valueFrom takes exactly one of secretKeyRef, configMapKeyRef and fieldRef")
public class EnvVarSourceSpec {
    @JsonPropertyDescription("A key of a Secret in the shop's namespace.")
    private KeySelector secretKeyRef;

    @JsonPropertyDescription("A key of a ConfigMap in the shop's namespace.")
    private KeySelector configMapKeyRef;

    @JsonPropertyDescription("A field of the pod.")
    private FieldSelector fieldRef;

    public KeySelector getSecretKeyRef() {
        return secretKeyRef;
    }

    public void setSecretKeyRef(KeySelector secretKeyRef) {
        this.secretKeyRef = secretKeyRef;
    }

    public KeySelector getConfigMapKeyRef() {
        return configMapKeyRef;
    }

    public void setConfigMapKeyRef(KeySelector configMapKeyRef) {
        this.configMapKeyRef = configMapKeyRef;
    }

    public FieldSelector getFieldRef() {
        return fieldRef;
    }

    public void setFieldRef(FieldSelector fieldRef) {
        this.fieldRef = fieldRef;
    }

    /** A key of a Secret or ConfigMap. */
    public static class KeySelector {
        @Required
        @Pattern(KubernetesNames.SUBDOMAIN)
        @Size(max = KubernetesNames.SUBDOMAIN_MAX)
        private String name;

        @Required
        @Pattern(KubernetesNames.KEY)
        @Size(max = KubernetesNames.SUBDOMAIN_MAX)
        private String key;

        @JsonPropertyDescription("Start the container even if the key does not exist.")
        private Boolean optional;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getKey() {
            return key;
        }

        public void setKey(String key) {
            this.key = key;
        }

        public Boolean getOptional() {
            return optional;
        }

        public void setOptional(Boolean optional) {
            this.optional = optional;
        }
    }

    /** A field of the pod that the kubelet can put into an environment variable. */
    public static class FieldSelector {
        @Required
        @Pattern(KubernetesNames.POD_FIELD)
        private String fieldPath;

        public String getFieldPath() {
            return fieldPath;
        }

        public void setFieldPath(String fieldPath) {
            this.fieldPath = fieldPath;
        }
    }
}
