package dev.shopfleet.operator.status;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.operator.api.MessagingStatus;
import dev.shopfleet.operator.api.DatabaseMode;
import dev.shopfleet.operator.api.MeshMode;
import dev.shopfleet.operator.api.ServiceStatus;
import dev.shopfleet.operator.api.ShopPlatformStatus;
import dev.shopfleet.operator.dependents.DatabasesDependent;
import dev.shopfleet.operator.dependents.ShopMonitoring;
import dev.shopfleet.operator.shop.Capabilities;
import dev.shopfleet.operator.shop.ExternalBroker;
import dev.shopfleet.operator.shop.HostClaim;
import dev.shopfleet.operator.shop.RouteRefusal;
import dev.shopfleet.operator.shop.ServiceProblem;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.ShopContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Builds the status SREs read from what is observed: Ready, Progressing and Degraded conditions with
 * reasons and actionable messages, and each service's replicas, image and database. Pure: the same
 * observations give an equal status, so an idle resync writes nothing.
 */
public final class StatusAggregator {
    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    public static final String MESH_POLICY_APPLIED = "MeshPolicyApplied";
    public static final String POD_SECURITY_ENFORCED = "PodSecurityEnforced";
    public static final String MONITORED = "Monitored";

    public static final String DATABASE_READY = "Ready";
    public static final String DATABASE_PROVISIONING = "Provisioning";
    public static final String DATABASE_UNAVAILABLE = "Unavailable";
    public static final String DATABASE_EXTERNAL = "External";
    public static final String DATABASE_INVALID = "Invalid";

    /**
     * What was observed for one shop.
     *
     * @param missingMeshPolicies the policies of the mode in force that the caches do not hold yet, as "Kind/name"
     * @param serviceProblems per service, why it does not run as far as the cluster tells (the first is the reason)
     * @param brokerProblem why the shop's broker does not run, as far as the cluster tells
     */
    public record Observation(Collection<Deployment> deployments, Collection<StatefulSet> databases,
            Set<String> missingMeshPolicies, Map<ShopService, String> externalDatabaseProblems, Optional<RouteRefusal> routeRefusal,
            Optional<HostClaim> hostHeldBy, Optional<String> podSecurityEnforced, boolean paused, Optional<String> reconcileError,
            Map<ShopService, ServiceProblem> serviceProblems, Optional<ServiceProblem> brokerProblem) {
        /** An observation in which the broker, if the shop has one, has no problem the cluster tells of. */
        public Observation(Collection<Deployment> deployments, Collection<StatefulSet> databases,
                Set<String> missingMeshPolicies, Map<ShopService, String> externalDatabaseProblems,
                Optional<RouteRefusal> routeRefusal, Optional<HostClaim> hostHeldBy, Optional<String> podSecurityEnforced,
                boolean paused, Optional<String> reconcileError, Map<ShopService, ServiceProblem> serviceProblems) {
            this(deployments, databases, missingMeshPolicies, externalDatabaseProblems, routeRefusal, hostHeldBy,
                    podSecurityEnforced, paused, reconcileError, serviceProblems, Optional.empty());
        }
    }

    /** What was observed of one enabled service: its pods and, if it owns one, its database's state. */
    record ServiceObservation(ShopService service, boolean deployed, int desired, int ready, Optional<String> database,
            boolean rollingOut, boolean stuck) {
        boolean isReady() {
            return deployed && ready >= desired;
        }

        boolean databaseDown() {
            return database.filter(d -> d.equals(DATABASE_UNAVAILABLE) || d.equals(DATABASE_INVALID)).isPresent();
        }

        boolean databaseProvisioning() {
            return database.filter(DATABASE_PROVISIONING::equals).isPresent();
        }

        String readiness() {
            return service.id() + " (" + ready + "/" + desired + ")";
        }

        ServiceStatus status(String image) {
            return new ServiceStatus(desired, ready, image, database.orElse(null));
        }
    }

    /** Makes conditions for one status: each keeps its lastTransitionTime while its status stays the same. */
    private record Conditions(List<Condition> before, long generation, Instant now) {
        Condition make(String type, boolean status, String reason, String message) {
            return condition(before, type, status, reason, message, generation, now);
        }
    }

    private StatusAggregator() {
    }

    public static ShopPlatformStatus aggregate(Shop shop, Observation observed, ShopPlatformStatus previous, Instant now) {
        List<ServiceObservation> services = observeServices(shop, observed, previous);
        MessagingStatus messaging = messaging(shop, observed, previous);
        long generation = Objects.requireNonNullElse(shop.resource().getMetadata().getGeneration(), 0L);
        var conditions = new Conditions(previous != null ? previous.getConditions() : List.of(), generation, now);

        Map<String, ServiceStatus> serviceStatuses = new TreeMap<>();
        services.forEach(s -> serviceStatuses.put(s.service().id(), s.status(shop.image(s.service()))));

        ShopPlatformStatus status = new ShopPlatformStatus();
        status.setObservedGeneration(generation);
        status.setConditions(new ArrayList<>(List.of(
                ready(conditions, services, messaging),
                progressing(conditions, observed, services, messaging, statefulRollouts(shop, observed)),
                degraded(conditions, observed, services, shop),
                meshPolicy(conditions, observed, shop),
                podSecurity(conditions, observed, shop),
                monitored(conditions, shop))));
        status.setServices(serviceStatuses);
        status.setServicesReady(services.stream().filter(ServiceObservation::isReady).count() + "/" + services.size());
        status.setUrl(shop.isEnabled(ShopService.STOREFRONT) ? shop.storefrontUrl() : null);
        status.setMessaging(messaging);
        return status;
    }

    /**
     * The shop's broker, if it has one: Ready once its pod is (the broker reports ready only after it has made its
     * users, topics and ACLs, so then every topic is there), Unavailable if it was and is no longer, else Provisioning.
     */
    private static MessagingStatus messaging(Shop shop, Observation observed, ShopPlatformStatus previous) {
        List<String> contractTopics = Arrays.stream(ShopTopic.values()).map(ShopTopic::topicName).toList();
        if (shop.usesExternalBroker()) { // what its Secret says; whether it answers, its clients' metrics tell
            return new MessagingStatus(observed.brokerProblem().isPresent() ? DATABASE_INVALID : DATABASE_EXTERNAL, null,
                    contractTopics);
        }
        if (!shop.usesBroker()) {
            return null;
        }
        StatefulSet broker = byName(observed.databases()).get(shop.brokerName());
        boolean ready = broker != null && DatabasesDependent.isReady(broker);
        boolean wasUp = previous != null && previous.getMessaging() != null
                && (DATABASE_READY.equals(previous.getMessaging().getBroker())
                        || DATABASE_UNAVAILABLE.equals(previous.getMessaging().getBroker()));
        String state = ready ? DATABASE_READY : wasUp ? DATABASE_UNAVAILABLE : DATABASE_PROVISIONING;
        List<String> topics = ready ? contractTopics : List.of();
        return new MessagingStatus(state, shop.brokerBootstrapServers(), topics);
    }

    private static List<ServiceObservation> observeServices(Shop shop, Observation observed, ShopPlatformStatus previous) {
        Map<String, Deployment> deployments = byName(observed.deployments());
        Map<String, StatefulSet> databases = byName(observed.databases());
        Map<String, ServiceStatus> previousServices = previous != null ? previous.getServices() : Map.of();
        return shop.enabledServices().stream().map(service -> {
            Deployment deployment = deployments.get(shop.objectName(service));
            int ready = deployment != null && deployment.getStatus() != null
                    ? Objects.requireNonNullElse(deployment.getStatus().getReadyReplicas(), 0) : 0;
            Optional<String> database = Optional.empty();
            if (service.ownsDatabase()) {
                ServiceStatus before = previousServices.get(service.id());
                database = Optional.of(databaseState(shop, service, databases.get(shop.databaseName(service)),
                        observed.externalDatabaseProblems(), before != null ? before.getDatabase() : null));
            }
            return new ServiceObservation(service, deployment != null, desiredReplicas(shop, service, deployment), ready,
                    database, deployment != null && isRollingOut(deployment), deployment != null && isStuck(deployment));
        }).toList();
    }

    private static Condition ready(Conditions conditions, List<ServiceObservation> services, MessagingStatus messaging) {
        List<String> notReady = ids(services, s -> !s.isReady(), ServiceObservation::readiness);
        List<String> databasesDown = ids(services, ServiceObservation::databaseDown, s -> s.service().id());
        if (!notReady.isEmpty()) {
            return conditions.make(READY, false, "ServicesNotReady", "Not ready: " + String.join(", ", notReady) + ".");
        }
        if (!databasesDown.isEmpty()) {
            return conditions.make(READY, false, "DatabaseUnavailable",
                    "Databases unavailable: " + String.join(", ", databasesDown) + ".");
        }
        if (messaging != null && !DATABASE_READY.equals(messaging.getBroker()) && !DATABASE_EXTERNAL.equals(messaging.getBroker())) {
            return conditions.make(READY, false, "BrokerNotReady", "The broker is " + messaging.getBroker().toLowerCase(Locale.ROOT)
                    + ": orders keeps its events in its outbox and delivers them once the broker is ready.");
        }
        return conditions.make(READY, true, "AllServicesReady", "All " + services.size() + " services are ready.");
    }

    /**
     * @param statefulRollouts the databases and broker whose pods do not all run their latest template yet: until then
     *     the shop is still changing, though its old pods may serve meanwhile
     */
    private static Condition progressing(Conditions conditions, Observation observed, List<ServiceObservation> services,
            MessagingStatus messaging, List<String> statefulRollouts) {
        List<String> provisioning = ids(services, ServiceObservation::databaseProvisioning, s -> s.service().id());
        List<String> rollingOut = new ArrayList<>(ids(services, ServiceObservation::rollingOut, s -> s.service().id()));
        rollingOut.addAll(statefulRollouts);
        List<String> notReady = ids(services, s -> !s.isReady(), ServiceObservation::readiness);
        if (observed.paused()) {
            return conditions.make(PROGRESSING, false, "Paused",
                    "Reconciliation is paused (spec.paused): the shop's objects are left as they are.");
        }
        if (!provisioning.isEmpty()) {
            return conditions.make(PROGRESSING, true, "ProvisioningDatabases", "Waiting for databases: "
                    + String.join(", ", provisioning) + ". Their services start once they accept connections.");
        }
        if (messaging != null && DATABASE_PROVISIONING.equals(messaging.getBroker())) {
            return conditions.make(PROGRESSING, true, "ProvisioningBroker", "Waiting for the broker ("
                    + messaging.getBootstrapServers() + "). The services run meanwhile; orders keeps its events until the broker is ready.");
        }
        if (!rollingOut.isEmpty() || !notReady.isEmpty()) {
            return conditions.make(PROGRESSING, true, "RollingOut",
                    "Rolling out: " + String.join(", ", rollingOut.isEmpty() ? notReady : rollingOut) + ".");
        }
        return conditions.make(PROGRESSING, false, "Reconciled", "Every service runs its desired version.");
    }

    private static Condition degraded(Conditions conditions, Observation observed, List<ServiceObservation> services,
            Shop shop) {
        List<String> databasesDown = ids(services, ServiceObservation::databaseDown, s -> s.service().id());
        List<String> stuck = ids(services, ServiceObservation::stuck, s -> s.service().id());
        if (observed.reconcileError().isPresent()) {
            return conditions.make(DEGRADED, true, "ReconcileError",
                    "The last reconciliation failed and is retried: " + observed.reconcileError().get());
        }
        if (!observed.externalDatabaseProblems().isEmpty()) {
            String problems = observed.externalDatabaseProblems().entrySet().stream()
                    .map(e -> e.getKey().id() + ": " + e.getValue())
                    .collect(Collectors.joining("; "));
            return conditions.make(DEGRADED, true, "ExternalDatabaseInvalid", problems + ". Create or fix the Secret (keys "
                    + "host, port, database, username, password); services wait for it and nothing else is changed.");
        }
        Optional<ServiceProblem> externalBroker = observed.brokerProblem().filter(p -> p.reason().equals(ExternalBroker.INVALID));
        if (externalBroker.isPresent()) { // its clients' new pods cannot start until it is fixed: the cause before the symptom
            return conditions.make(DEGRADED, true, ExternalBroker.INVALID, "broker: " + externalBroker.get().message()
                    + ". Create or fix the Secret (keys bootstrap-servers, security-protocol, <service>-username and "
                    + "<service>-password for each service that writes or reads events); the services' new pods wait for it.");
        }
        if (observed.hostHeldBy().isPresent()) {
            return conditions.make(DEGRADED, true, "HostConflict", "Host " + shop.spec().getRoute().getHost()
                    + " is already served by " + observed.hostHeldBy().get().describe() + ", so this shop gets no route for it. "
                    + "Choose another host in spec.route.host; the shop takes the host as soon as the other lets it go.");
        }
        if (observed.routeRefusal().isPresent()) {
            return conditions.make(DEGRADED, true, observed.routeRefusal().get().reason(), observed.routeRefusal().get().message());
        }
        if (!databasesDown.isEmpty()) {
            // A database that was up and is down: what its pod says, if anything, is the why.
            String why = databasesDown.stream().map(id -> observed.serviceProblems().entrySet().stream()
                            .filter(e -> e.getKey().id().equals(id)).map(e -> id + " (" + e.getValue().message() + ")")
                            .findFirst().orElse(id))
                    .collect(Collectors.joining(", "));
            return conditions.make(DEGRADED, true, "DatabaseUnavailable", "Databases not accepting connections: "
                    + why + ". Check their pods (app.kubernetes.io/component=database).");
        }
        if (!observed.serviceProblems().isEmpty()) {
            var first = observed.serviceProblems().values().iterator().next();
            String problems = observed.serviceProblems().entrySet().stream()
                    .map(e -> e.getKey().id() + ": " + e.getValue().message()).collect(Collectors.joining("; "));
            return conditions.make(DEGRADED, true, first.reason(), problems + ". The shop's other services are not held back.");
        }
        if (observed.brokerProblem().isPresent()) {
            ServiceProblem broker = observed.brokerProblem().get();
            return conditions.make(DEGRADED, true, broker.reason(), "broker: " + broker.message()
                    + ". Orders keeps its events in its outbox until the broker runs; the services are not held back.");
        }
        if (!stuck.isEmpty()) {
            return conditions.make(DEGRADED, true, "RolloutStuck", "Rollout exceeded its deadline: "
                    + String.join(", ", stuck) + ". Check the image and the pods' events.");
        }
        return conditions.make(DEGRADED, false, "AsExpected", "No problems found.");
    }

    /** Which traffic policy is in force, and whether all of it is in place yet. */
    private static Condition meshPolicy(Conditions conditions, Observation observed, Shop shop) {
        MeshMode mode = shop.meshMode();
        if (mode == MeshMode.none) {
            return conditions.make(MESH_POLICY_APPLIED, false, "MeshDisabled", "spec.mesh.mode is none: the operator applies "
                    + "no traffic policy, so the shop's pods accept and make any connection the cluster allows.");
        }
        if (mode == MeshMode.istio && !shop.capabilities().istio()) {
            return conditions.make(MESH_POLICY_APPLIED, false, "IstioNotInstalled", "spec.mesh.mode is istio but the cluster "
                    + "has no Istio CRDs (" + Capabilities.ISTIO_CRD + "): install Istio, or use mode auto "
                    + "or networkpolicy. The shop's pods are not started without their policy.");
        }
        if (!observed.missingMeshPolicies().isEmpty()) {
            return conditions.make(MESH_POLICY_APPLIED, false, "PoliciesPending",
                    "Waiting for: " + String.join(", ", observed.missingMeshPolicies()) + ".");
        }
        String how = shop.requestedMeshMode() == MeshMode.auto
                ? "Mode auto, " + (mode == MeshMode.istio ? "Istio is installed: " : "no Istio on this cluster, so NetworkPolicy: ")
                : "Mode " + mode + ": ";
        return mode == MeshMode.istio
                ? conditions.make(MESH_POLICY_APPLIED, true, "Istio", how + "STRICT mutual TLS; everything is denied but the "
                        + "call graph's edges, each service admitting only its callers' identities and each database only its "
                        + "service; DestinationRules limit connections and eject failing pods.")
                : conditions.make(MESH_POLICY_APPLIED, true, "NetworkPolicy", how + "everything is denied but the call graph's "
                        + "edges; each service admits only its callers, each database only its service (enforced where the "
                        + "cluster's network plugin enforces NetworkPolicy).");
    }

    /** Whether Prometheus scrapes the shop and holds it to its alerts: what an SRE needs to know is missing. */
    private static Condition monitored(Conditions conditions, Shop shop) {
        if (!shop.capabilities().prometheusOperator()) {
            return conditions.make(MONITORED, false, "PrometheusOperatorNotInstalled", "The cluster has no Prometheus "
                    + "Operator (CRDs " + Capabilities.POD_MONITOR_CRD + ", " + Capabilities.PROMETHEUS_RULE_CRD + "): "
                    + "nothing scrapes the shop's metrics and it has no alerts. Once it is installed, a shop with "
                    + "spec.mesh.monitoringNamespace gets them within a minute.");
        }
        if (!ShopMonitoring.reachable(shop)) {
            return conditions.make(MONITORED, false, "NoMonitoringNamespace", "The shop's traffic policy admits no "
                    + "monitoring namespace, so no Prometheus could scrape it: set spec.mesh.monitoringNamespace to the "
                    + "namespace Prometheus runs in. No PodMonitor or alert is made until then.");
        }
        return conditions.make(MONITORED, true, "PodMonitorAndAlerts", "PodMonitor " + ShopMonitoring.podMonitorName(shop)
                + " has the services scraped by Prometheus in namespace " + shop.monitoringNamespace().orElse("(any)")
                + "; PrometheusRule " + ShopMonitoring.ruleName(shop) + " holds " + ShopMonitoring.alerts(shop).size()
                + " alerts, firing after " + ShopMonitoring.levels(shop).getAlertAfter() + ".");
    }

    /** A warning, not a failure: the shop's pods run restricted anyway, but its namespace lets others run privileged. */
    private static Condition podSecurity(Conditions conditions, Observation observed, Shop shop) {
        if (observed.podSecurityEnforced().filter("restricted"::equals).isPresent()) {
            return conditions.make(POD_SECURITY_ENFORCED, true, "Restricted",
                    "Namespace " + shop.namespace() + " enforces the Pod Security restricted profile.");
        }
        return conditions.make(POD_SECURITY_ENFORCED, false, "NotRestricted", "Namespace " + shop.namespace()
                + " does not enforce the Pod Security restricted profile (it is "
                + observed.podSecurityEnforced().orElse("unset") + "): the shop's pods run restricted, but other pods in "
                + "the namespace may run privileged. Label it: kubectl label namespace " + shop.namespace() + " "
                + ShopContext.POD_SECURITY_ENFORCE_LABEL + "=restricted");
    }

    private static List<String> ids(List<ServiceObservation> services, Predicate<ServiceObservation> which,
            Function<ServiceObservation, String> describe) {
        return services.stream().filter(which).map(describe).toList();
    }

    private static int desiredReplicas(Shop shop, ShopService service, Deployment deployment) {
        var spec = shop.serviceSpec(service);
        if (spec.getAutoscaling() == null) {
            return spec.getReplicas();
        }
        Integer current = deployment != null && deployment.getSpec() != null ? deployment.getSpec().getReplicas() : null;
        return current != null ? current : spec.getAutoscaling().getMinReplicas();
    }

    private static String databaseState(Shop shop, ShopService service, StatefulSet database,
            Map<ShopService, String> externalProblems, String before) {
        if (shop.database(service).getMode() == DatabaseMode.external) {
            return externalProblems.containsKey(service) ? DATABASE_INVALID : DATABASE_EXTERNAL;
        }
        boolean ready = database != null && DatabasesDependent.isReady(database);
        if (ready) {
            return DATABASE_READY;
        }
        // Once a database has been ready, losing it is an outage, not provisioning.
        return DATABASE_READY.equals(before) || DATABASE_UNAVAILABLE.equals(before) ? DATABASE_UNAVAILABLE
                : DATABASE_PROVISIONING;
    }

    private static boolean isRollingOut(Deployment deployment) {
        var status = deployment.getStatus();
        if (status == null) {
            return true;
        }
        long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        return Objects.requireNonNullElse(status.getObservedGeneration(), 0L) < generation
                || Objects.requireNonNullElse(status.getUpdatedReplicas(), 0) < replicas
                || Objects.requireNonNullElse(status.getReplicas(), 0) > replicas;
    }

    /** The shop's managed databases ("catalog database") and broker whose StatefulSet is rolling out. */
    private static List<String> statefulRollouts(Shop shop, Observation observed) {
        Map<String, StatefulSet> statefulSets = byName(observed.databases());
        List<String> rollingOut = new ArrayList<>();
        shop.databases(DatabaseMode.managed).forEach(service -> {
            StatefulSet database = statefulSets.get(shop.databaseName(service));
            if (database != null && isRollingOut(database)) {
                rollingOut.add(service.id() + " database");
            }
        });
        StatefulSet broker = shop.usesBroker() ? statefulSets.get(shop.brokerName()) : null;
        if (broker != null && isRollingOut(broker)) {
            rollingOut.add("broker");
        }
        return rollingOut;
    }

    /**
     * Its controller has not yet seen the latest template, or not every pod runs it: a StatefulSet replaces its pod
     * only after its readiness already counted the old one, and moves currentRevision once the new one is ready.
     */
    private static boolean isRollingOut(StatefulSet statefulSet) {
        var status = statefulSet.getStatus();
        if (status == null) {
            return true;
        }
        long generation = Objects.requireNonNullElse(statefulSet.getMetadata().getGeneration(), 0L);
        return Objects.requireNonNullElse(status.getObservedGeneration(), 0L) < generation
                || status.getUpdateRevision() != null && !status.getUpdateRevision().equals(status.getCurrentRevision());
    }

    private static boolean isStuck(Deployment deployment) {
        return deployment.getStatus() != null && deployment.getStatus().getConditions().stream()
                .anyMatch(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                        && "ProgressDeadlineExceeded".equals(c.getReason()));
    }

    /** A condition whose lastTransitionTime moves only when its status does. */
    static Condition condition(List<Condition> before, String type, boolean status, String reason, String message,
            long generation, Instant now) {
        String value = status ? "True" : "False";
        String transition = before.stream()
                .filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        return new ConditionBuilder()
                .withType(type)
                .withStatus(value)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(transition)
                .build();
    }

    public static Optional<Condition> find(ShopPlatformStatus status, String type) {
        return status == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static <R extends HasMetadata> Map<String, R> byName(Collection<R> resources) {
        return resources.stream().collect(Collectors.toMap(r -> r.getMetadata().getName(), Function.identity(), (a, b) -> a));
    }
}
