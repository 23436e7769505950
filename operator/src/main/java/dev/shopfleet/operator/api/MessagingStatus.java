package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The shop's broker as observed: absent from the status when the shop has none. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MessagingStatus {
    @JsonPropertyDescription("Provisioning, Ready or Unavailable.")
    private String broker;

    @JsonPropertyDescription("Where the shop's services reach the broker (host:port, inside the namespace).")
    private String bootstrapServers;

    @JsonPropertyDescription("The topics the broker holds for the shop; a ready broker has made every one of them.")
    private List<String> topics = new ArrayList<>();

    public MessagingStatus() {
    }

    public MessagingStatus(String broker, String bootstrapServers, List<String> topics) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.topics = new ArrayList<>(topics);
    }

    public String getBroker() {
        return broker;
    }

    public void setBroker(String broker) {
        this.broker = broker;
    }

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public List<String> getTopics() {
        return topics;
    }

    public void setTopics(List<String> topics) {
        this.topics = topics;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessagingStatus other && Objects.equals(broker, other.broker)
                && Objects.equals(bootstrapServers, other.bootstrapServers) && Objects.equals(topics, other.topics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(broker, bootstrapServers, topics);
    }
}
