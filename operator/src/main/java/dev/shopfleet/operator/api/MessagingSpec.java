package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

public class MessagingSpec {
    @JsonPropertyDescription("managed: the operator runs a Kafka broker for the shop (KRaft, one node, a volume, SASL/SCRAM "
            + "credentials per service, ACLs from who produces and consumes which topic), and orders' events go through it. "
            + "none: no broker; orders delivers its events straight to notifications.")
    @Default("managed")
    private MessagingMode mode = MessagingMode.managed;

    @JsonPropertyDescription("Partitions of each topic: how many consumers of one service can share its work. "
            + "Partitions can only grow.")
    @Min(1)
    @Max(64)
    @Default("3")
    @ValidationRule(value = "self >= oldSelf", message = "partitions can only grow: Kafka cannot take a topic's partitions away")
    private int partitions = 3;

    @JsonPropertyDescription("How long the broker keeps events, in hours (a consumer away longer misses them).")
    @Min(1)
    @Max(8760)
    @Default("168")
    private int retentionHours = 168;

    @JsonPropertyDescription("The broker's volume.")
    private StorageSpec storage = new StorageSpec();

    public MessagingMode getMode() {
        return mode;
    }

    public void setMode(MessagingMode mode) {
        this.mode = mode;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public int getRetentionHours() {
        return retentionHours;
    }

    public void setRetentionHours(int retentionHours) {
        this.retentionHours = retentionHours;
    }

    public StorageSpec getStorage() {
        return storage;
    }

    public void setStorage(StorageSpec storage) {
        this.storage = storage;
    }
}
