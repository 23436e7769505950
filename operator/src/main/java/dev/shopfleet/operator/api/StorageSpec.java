package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

public class StorageSpec {
    @JsonPropertyDescription("Size of the volume, e.g. 1Gi.")
    @Pattern("^[1-9][0-9]*(Mi|Gi|Ti)$")
    @Default("1Gi")
    private String size = "1Gi";

    @JsonPropertyDescription("StorageClass of the volume; the cluster's default class when omitted.")
    @Pattern(KubernetesNames.SUBDOMAIN)
    @Size(max = KubernetesNames.SUBDOMAIN_MAX)
    private String storageClassName;

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }
}
