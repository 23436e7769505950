package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceStatus {
    @JsonPropertyDescription("Replicas wanted.")
    private int replicas;

    @JsonPropertyDescription("Replicas ready to serve.")
    private int readyReplicas;

    @JsonPropertyDescription("The image the service runs.")
    private String image;

    @JsonPropertyDescription("The service's database: Ready, Provisioning, Unavailable, or External; absent for the "
            + "storefront.")
    private String database;

    public ServiceStatus() {
    }

    public ServiceStatus(int replicas, int readyReplicas, String image, String database) {
        this.replicas = replicas;
        this.readyReplicas = readyReplicas;
        this.image = image;
        this.database = database;
    }

    public int getReplicas() {
        return replicas;
    }

    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    public int getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(int readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceStatus other && replicas == other.replicas && readyReplicas == other.readyReplicas
                && Objects.equals(image, other.image) && Objects.equals(database, other.database);
    }

    @Override
    public int hashCode() {
        return Objects.hash(replicas, readyReplicas, image, database);
    }
}
