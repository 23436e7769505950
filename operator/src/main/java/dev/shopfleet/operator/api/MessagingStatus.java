package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The shop's broker as observed: absent from the status when the shop has none. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MessagingStatus {
    @JsonPropertyDescription("The shop's own broker: Provisioning, Ready or Unavailable; an external one: External, or "
            + "Invalid while its Secret is (the Degraded condition says why).")
    private String broker;

    @JsonPropertyDescription("Where the shop's services reach its own broker (host:port, inside the namespace); for an "
            + "external one, its Secret says.")
    private String bootstrapServers;

    @JsonPropertyDescription("The topics the shop uses; its own broker, once ready, has made every one of them (an external "
            + "one must have them).")
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
