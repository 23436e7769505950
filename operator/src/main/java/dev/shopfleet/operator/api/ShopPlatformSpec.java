package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

public class ShopPlatformSpec {
    @JsonPropertyDescription("The shop's name as shoppers see it; defaults to the resource's name.")
    @Size(max = 80)
    @Pattern(KubernetesNames.TEXT)
    private String displayName;

    @JsonPropertyDescription("The storefront's colour theme.")
    @Pattern("^[a-z][a-z0-9-]{0,30}$")
    private String theme;

    @JsonPropertyDescription("Where the shop's images come from and which version of the shop runs.")
    private ImagesSpec images = new ImagesSpec();

    @JsonPropertyDescription("The shop's services: each one enabled by default, with its replicas and database.")
    private ServicesSpec services = new ServicesSpec();

    @JsonPropertyDescription("How shoppers reach the storefront: an Ingress for this host. Without it the storefront "
            + "is reachable inside the cluster only.")
    private RouteSpec route;

    @JsonPropertyDescription("The shop's traffic policy, derived from who calls whom: every other connection is refused.")
    private MeshSpec mesh = new MeshSpec();

    @JsonPropertyDescription("The service levels the shop's alerts hold it to, where the cluster has the Prometheus Operator.")
    private MonitoringSpec monitoring = new MonitoringSpec();

    @JsonPropertyDescription("Where the services send their traces (OTLP); the operator's default collector if left out, "
            + "none if it has none.")
    private TracingSpec tracing;

    @JsonPropertyDescription("The shop's event streams: a Kafka broker the operator runs for it (default), or none.")
    private MessagingSpec messaging = new MessagingSpec();

    @JsonPropertyDescription("Which nodes run the shop's pods (services and databases); any node if left out.")
    private SchedulingSpec scheduling;

    @JsonPropertyDescription("Stop reconciling: everything the operator created stays as it is.")
    @Default("false")
    private boolean paused;

    @JsonPropertyDescription("What happens to the databases' data (volumes and credentials) when the shop is deleted "
            + "or a service is disabled: Retain keeps it, Delete removes it.")
    @Default("Retain")
    private DeletionPolicy deletionPolicy = DeletionPolicy.Retain;

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getTheme() {
        return theme;
    }

    public void setTheme(String theme) {
        this.theme = theme;
    }

    public ImagesSpec getImages() {
        return images;
    }

    public void setImages(ImagesSpec images) {
        this.images = images;
    }

    public ServicesSpec getServices() {
        return services;
    }

    public void setServices(ServicesSpec services) {
        this.services = services;
    }

    public RouteSpec getRoute() {
        return route;
    }

    public void setRoute(RouteSpec route) {
        this.route = route;
    }

    public boolean isPaused() {
        return paused;
    }

    public void setPaused(boolean paused) {
        this.paused = paused;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    public MeshSpec getMesh() {
        return mesh;
    }

    public void setMesh(MeshSpec mesh) {
        this.mesh = mesh;
    }

    public SchedulingSpec getScheduling() {
        return scheduling;
    }

    public void setScheduling(SchedulingSpec scheduling) {
        this.scheduling = scheduling;
    }

    public MonitoringSpec getMonitoring() {
        return monitoring;
    }

    public void setMonitoring(MonitoringSpec monitoring) {
        this.monitoring = monitoring;
    }

    public TracingSpec getTracing() {
        return tracing;
    }

    public void setTracing(TracingSpec tracing) {
        this.tracing = tracing;
    }

    public MessagingSpec getMessaging() {
        return messaging;
    }

    public void setMessaging(MessagingSpec messaging) {
        this.messaging = messaging;
    }
}
