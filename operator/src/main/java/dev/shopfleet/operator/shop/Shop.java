package dev.shopfleet.operator.shop;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.operator.api.DatabaseMode;
import dev.shopfleet.operator.api.DatabaseSpec;
import dev.shopfleet.operator.api.MeshMode;
import dev.shopfleet.operator.api.MeshSpec;
import dev.shopfleet.operator.api.MessagingMode;
import dev.shopfleet.operator.api.MessagingSpec;
import dev.shopfleet.operator.api.SchedulingSpec;
import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.api.ShopPlatformSpec;
import dev.shopfleet.operator.api.ShopServiceSpec;
import dev.shopfleet.operator.api.TolerationSpec;
import dev.shopfleet.operator.api.TracingSpec;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A ShopPlatform with the operator's defaults applied: the names, labels, images and addresses of
 * everything it consists of. Pure: every desired-state builder starts from here.
 */
public final class Shop {
    public static final String MANAGED_BY = "shopfleet-operator";
    public static final String LABEL_SHOP = "shopfleet.dev/shop";
    public static final String LABEL_NAME = "app.kubernetes.io/name";
    public static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
    public static final String LABEL_COMPONENT = "app.kubernetes.io/component";
    public static final String LABEL_PART_OF = "app.kubernetes.io/part-of";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String LABEL_VERSION = "app.kubernetes.io/version";
    /** What the operator's informers select on: only objects it created are cached. */
    public static final String MANAGED_SELECTOR = LABEL_MANAGED_BY + "=" + MANAGED_BY;

    public static final int DATABASE_PORT = 5432;
    public static final long DATABASE_UID = 999;
    public static final long SERVICE_UID = 65532;

    public enum Component {
        service,
        database,
        broker
    }

    private final ShopPlatform resource;
    private final OperatorDefaults defaults;
    private final Capabilities capabilities;

    /** @param capabilities what the cluster offers: with Istio, mesh mode auto means istio */
    public Shop(ShopPlatform resource, OperatorDefaults defaults, Capabilities capabilities) {
        this.resource = resource;
        this.defaults = defaults;
        this.capabilities = capabilities;
    }

    public ShopPlatform resource() {
        return resource;
    }

    public ShopPlatformSpec spec() {
        return resource.getSpec();
    }

    public String name() {
        return resource.getMetadata().getName();
    }

    public String namespace() {
        return resource.getMetadata().getNamespace();
    }

    public String displayName() {
        return spec().getDisplayName() != null ? spec().getDisplayName() : name();
    }

    public List<ShopService> enabledServices() {
        return Arrays.stream(ShopService.values()).filter(this::isEnabled).toList();
    }

    public boolean isEnabled(ShopService service) {
        return spec().getServices().isEnabled(service);
    }

    public ShopServiceSpec serviceSpec(ShopService service) {
        return spec().getServices().get(service);
    }

    /** Enabled services that own a database of the given mode. */
    public List<ShopService> databases(DatabaseMode mode) {
        return enabledServices().stream()
                .filter(ShopService::ownsDatabase)
                .filter(s -> database(s).getMode() == mode)
                .toList();
    }

    public DatabaseSpec database(ShopService service) {
        return spec().getServices().database(service);
    }

    /** The name of a service's Deployment, Service, ServiceAccount and ConfigMap. */
    public String objectName(ShopService service) {
        return ShopContract.objectName(name(), service);
    }

    /** The name of a managed database's StatefulSet and Service, and of its credentials Secret. */
    public String databaseName(ShopService service) {
        return objectName(service) + "-db";
    }

    /** The Secret holding a service's database credentials: generated, or the one the spec names. */
    public String databaseSecretName(ShopService service) {
        DatabaseSpec database = database(service);
        return database.getMode() == DatabaseMode.external ? database.getSecretName() : databaseName(service);
    }

    public String tag() {
        String tag = spec().getImages().getTag();
        return tag != null ? tag : defaults.tag();
    }

    public String image(ShopService service) {
        String override = serviceSpec(service).getImage();
        if (override != null) {
            return override;
        }
        String registry = spec().getImages().getRegistry();
        return (registry != null ? registry : defaults.registry()) + "/" + service.id() + ":" + tag();
    }

    /** The shop's broker image: the services' registry and version (service-images/broker is built with them). */
    public String brokerImage() {
        String registry = spec().getImages().getRegistry();
        return (registry != null ? registry : defaults.registry()) + "/broker:" + tag();
    }

    public MessagingSpec messaging() {
        return spec().getMessaging() != null ? spec().getMessaging() : new MessagingSpec();
    }

    /** The enabled services that write or read the shop's topics (ShopTopic): each has a user on the broker. */
    public List<ShopService> brokerClients() {
        Set<ShopService> enabled = EnumSet.noneOf(ShopService.class);
        enabled.addAll(enabledServices());
        Set<ShopService> clients = ShopTopic.clients(enabled);
        return enabledServices().stream().filter(clients::contains).toList();
    }

    /** The shop runs a broker: messaging is managed and some service that writes or reads events is enabled. */
    public boolean usesBroker() {
        return messaging().getMode() == MessagingMode.managed && !brokerClients().isEmpty();
    }

    /** The shop's events go through a Kafka its platform team runs, described by the Secret the spec names. */
    public boolean usesExternalBroker() {
        return messaging().getMode() == MessagingMode.external && !brokerClients().isEmpty();
    }

    /** The broker's StatefulSet, Service, Secret and NetworkPolicy ("broker" is no service's id, so it clashes with none). */
    public String brokerName() {
        return name() + "-broker";
    }

    /** Where the shop's services reach the broker. */
    public String brokerBootstrapServers() {
        return brokerName() + ":" + BrokerContract.CLIENT_PORT;
    }

    public Map<String, String> brokerSelectorLabels() {
        return new TreeMap<>(Map.of(LABEL_NAME, "broker", LABEL_INSTANCE, name()));
    }

    public Map<String, String> brokerLabels() {
        Map<String, String> labels = brokerSelectorLabels();
        labels.put(LABEL_COMPONENT, Component.broker.name());
        labels.put(LABEL_PART_OF, "shopfleet");
        labels.put(LABEL_MANAGED_BY, MANAGED_BY);
        labels.put(LABEL_SHOP, name());
        return labels;
    }

    /** The broker pod's labels: with mesh mode istio, the request for Istio's sidecar. */
    public Map<String, String> brokerPodLabels() {
        Map<String, String> labels = brokerLabels();
        labels.put(LABEL_VERSION, versionLabel(brokerImage()));
        if (meshMode() == MeshMode.istio) {
            labels.put("sidecar.istio.io/inject", "true");
        }
        return labels;
    }

    public String postgresImage() {
        return defaults.postgresImage();
    }

    /** The storefront is routed at all (a route, and a storefront to route to). */
    public boolean isRouted() {
        return spec().getRoute() != null && isEnabled(ShopService.STOREFRONT);
    }

    /** The storefront is routed by a Gateway API HTTPRoute rather than an Ingress. */
    public boolean routesThroughGateway() {
        return isRouted() && spec().getRoute().getGateway() != null;
    }

    /** In-cluster base URL of a service, as its callers get it. */
    public String serviceUrl(ShopService service) {
        return "http://" + objectName(service) + ":" + ShopContract.HTTP_PORT;
    }

    /** The policy mode in force: auto is istio on a cluster with Istio, networkpolicy elsewhere. */
    public MeshMode meshMode() {
        MeshMode mode = requestedMeshMode();
        return mode == MeshMode.auto ? (capabilities.istio() ? MeshMode.istio : MeshMode.networkpolicy) : mode;
    }

    public MeshMode requestedMeshMode() {
        MeshSpec mesh = spec().getMesh();
        return mesh == null || mesh.getMode() == null ? MeshMode.auto : mesh.getMode();
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    /** The SPIFFE identity Istio gives a service's pods: their ServiceAccount. */
    public String principal(ShopService service) {
        return "cluster.local/ns/" + namespace() + "/sa/" + objectName(service);
    }

    public String ingressGatewayPrincipal() {
        MeshSpec mesh = spec().getMesh();
        return mesh == null || mesh.getIngressGatewayPrincipal() == null ? MeshSpec.DEFAULT_INGRESS_PRINCIPAL
                : mesh.getIngressGatewayPrincipal();
    }

    /** The namespace whose pods may reach the storefront, or empty if any may. */
    public Optional<String> ingressNamespace() {
        MeshSpec mesh = spec().getMesh();
        if (mesh != null && mesh.getIngressNamespace() != null) {
            return Optional.of(mesh.getIngressNamespace());
        }
        if (routesThroughGateway()) {
            String gatewayNamespace = spec().getRoute().getGateway().getNamespace();
            return Optional.of(gatewayNamespace != null ? gatewayNamespace : namespace());
        }
        return Optional.empty();
    }

    /** The namespace the operator runs in, if it knows it: its pods read what orders set aside. */
    public Optional<String> operatorNamespace() {
        return defaults.operatorNamespace();
    }

    /** Where the services send traces: the shop's collector, else the operator's, else none. */
    public Optional<TracingSpec> tracing() {
        TracingSpec own = spec().getTracing();
        return own != null ? Optional.of(own) : defaults.tracing();
    }

    public Optional<String> monitoringNamespace() {
        MeshSpec mesh = spec().getMesh();
        return Optional.ofNullable(mesh == null ? null : mesh.getMonitoringNamespace());
    }

    /** Where shoppers reach the storefront: the route's host, or its in-cluster address without a route. */
    public String storefrontUrl() {
        var route = spec().getRoute();
        if (route == null) {
            return "http://" + objectName(ShopService.STOREFRONT) + "." + namespace() + ".svc:" + ShopContract.HTTP_PORT;
        }
        return (route.getTlsSecretName() != null ? "https://" : "http://") + route.getHost() + "/";
    }

    /** Labels that select a component's pods: stable for the object's life (selectors are immutable). */
    public Map<String, String> selectorLabels(ShopService service, Component component) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(LABEL_NAME, component == Component.database ? service.id() + "-db" : service.id());
        labels.put(LABEL_INSTANCE, name());
        return labels;
    }

    /** Every object's labels: the selector labels and the standard ones. */
    public Map<String, String> labels(ShopService service, Component component) {
        Map<String, String> labels = selectorLabels(service, component);
        labels.put(LABEL_COMPONENT, component.name());
        labels.put(LABEL_PART_OF, "shopfleet");
        labels.put(LABEL_MANAGED_BY, MANAGED_BY);
        labels.put(LABEL_SHOP, name());
        if (component == Component.service) {
            labels.put(LABEL_VERSION, versionLabel(image(service)));
        }
        return labels;
    }

    /** Labels for the shop-wide objects (they belong to no one service). */
    public Map<String, String> shopLabels() {
        return new TreeMap<>(Map.of(LABEL_MANAGED_BY, MANAGED_BY, LABEL_PART_OF, "shopfleet", LABEL_SHOP, name(),
                LABEL_INSTANCE, name()));
    }

    /** A pod's labels: the object's, and with mesh mode istio the request for Istio's sidecar. */
    public Map<String, String> podLabels(ShopService service, Component component) {
        Map<String, String> labels = labels(service, component);
        if (meshMode() == MeshMode.istio) {
            labels.put("sidecar.istio.io/inject", "true");
        }
        return labels;
    }

    /** The nodes the shop's pods need (spec.scheduling); empty: any node. */
    public Map<String, String> nodeSelector() {
        SchedulingSpec scheduling = spec().getScheduling();
        return scheduling == null ? Map.of() : new TreeMap<>(scheduling.getNodeSelector());
    }

    /** The taints the shop's pods tolerate (spec.scheduling). */
    public List<Toleration> tolerations() {
        SchedulingSpec scheduling = spec().getScheduling();
        return scheduling == null ? List.of() : scheduling.getTolerations().stream().map(TolerationSpec::toToleration).toList();
    }

    // A label value is at most 63 characters of [A-Za-z0-9_.-]; a digest or odd tag is cut to fit.
    private static String versionLabel(String image) {
        String tag = image.contains("@") ? image.substring(image.indexOf('@') + 1)
                : image.substring(image.lastIndexOf(':') + 1);
        String value = tag.replaceAll("[^A-Za-z0-9_.-]", "_");
        value = value.length() > 63 ? value.substring(value.length() - 63) : value;
        return value.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }

    public OwnerReference ownerReference() {
        return new OwnerReferenceBuilder()
                .withApiVersion(resource.getApiVersion())
                .withKind(resource.getKind())
                .withName(name())
                .withUid(resource.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}
