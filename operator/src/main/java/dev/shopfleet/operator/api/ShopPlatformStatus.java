package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ShopPlatformStatus {
    @JsonPropertyDescription("The spec generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready, Progressing and Degraded, with reasons.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Each enabled service: replicas, image and database.")
    private Map<String, ServiceStatus> services = new TreeMap<>();

    @JsonPropertyDescription("Ready services out of enabled ones, e.g. 7/8.")
    private String servicesReady;

    @JsonPropertyDescription("Where shoppers reach the storefront.")
    private String url;

    @JsonPropertyDescription("The shop's broker, when it has one.")
    private MessagingStatus messaging;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Map<String, ServiceStatus> getServices() {
        return services;
    }

    public void setServices(Map<String, ServiceStatus> services) {
        this.services = services;
    }

    public String getServicesReady() {
        return servicesReady;
    }

    public void setServicesReady(String servicesReady) {
        this.servicesReady = servicesReady;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public MessagingStatus getMessaging() {
        return messaging;
    }

    public void setMessaging(MessagingStatus messaging) {
        this.messaging = messaging;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShopPlatformStatus other
                && Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(conditions, other.conditions)
                && Objects.equals(services, other.services)
                && Objects.equals(servicesReady, other.servicesReady)
                && Objects.equals(url, other.url)
                && Objects.equals(messaging, other.messaging);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, conditions, services, servicesReady, url, messaging);
    }
}
