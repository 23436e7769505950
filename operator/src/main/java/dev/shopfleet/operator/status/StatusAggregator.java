package dev.shopfleet.operator.status;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.DatabaseMode;
import dev.shopfleet.operator.api.MeshMode;
import dev.shopfleet.operator.api.ServiceStatus;
import dev.shopfleet.operator.api.ShopPlatformStatus;
import dev.shopfleet.operator.dependents.IstioPresentCondition;
import dev.shopfleet.operator.dependents.MeshPolicies;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
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

    public static final String DATABASE_READY = "Ready";
    public static final String DATABASE_PROVISIONING = "Provisioning";
    public static final String DATABASE_UNAVAILABLE = "Unavailable";
    public static final String DATABASE_EXTERNAL = "External";
    public static final String DATABASE_INVALID = "Invalid";

    /** What was observed for one shop. */
    public record Observation(Collection<Deployment> deployments, Collection<StatefulSet> databases,
            Set<String> meshPolicies, Map<ShopService, String> externalDatabaseProblems, Optional<String> routeProblem, boolean paused,
            Optional<String> reconcileError) {
    }

    private StatusAggregator() {
    }

    public static ShopPlatformStatus aggregate(Shop shop, Observation observed, ShopPlatformStatus previous, Instant now) {
        Map<String, Deployment> deployments = byName(observed.deployments());
        Map<String, StatefulSet> databases = byName(observed.databases());
        Map<String, ServiceStatus> previousServices = previous != null ? previous.getServices() : Map.of();

        Map<String, ServiceStatus> services = new TreeMap<>();
        List<String> notReady = new ArrayList<>();
        List<String> rollingOut = new ArrayList<>();
        List<String> stuck = new ArrayList<>();
        List<String> databasesDown = new ArrayList<>();
        List<String> databasesProvisioning = new ArrayList<>();
        for (ShopService service : shop.enabledServices()) {
            Deployment deployment = deployments.get(shop.objectName(service));
            int desired = desiredReplicas(shop, service, deployment);
            int ready = deployment != null && deployment.getStatus() != null
                    ? Objects.requireNonNullElse(deployment.getStatus().getReadyReplicas(), 0) : 0;
            String database = null;
            if (service.ownsDatabase()) {
                ServiceStatus before = previousServices.get(service.id());
                database = databaseState(shop, service, databases.get(shop.databaseName(service)),
                        observed.externalDatabaseProblems(), before != null ? before.getDatabase() : null);
                if (database.equals(DATABASE_UNAVAILABLE) || database.equals(DATABASE_INVALID)) {
                    databasesDown.add(service.id());
                } else if (database.equals(DATABASE_PROVISIONING)) {
                    databasesProvisioning.add(service.id());
                }
            }
            services.put(service.id(), new ServiceStatus(desired, ready, shop.image(service), database));
            if (deployment == null || ready < desired) {
                notReady.add(service.id() + " (" + ready + "/" + desired + ")");
            }
            if (deployment != null && isRollingOut(deployment)) {
                rollingOut.add(service.id());
            }
            if (deployment != null && isStuck(deployment)) {
                stuck.add(service.id());
            }
        }

        long generation = Objects.requireNonNullElse(shop.resource().getMetadata().getGeneration(), 0L);
        List<Condition> before = previous != null ? previous.getConditions() : List.of();
        List<Condition> conditions = new ArrayList<>();

        int total = shop.enabledServices().size();
        int readyCount = total - notReady.size();
        boolean allReady = notReady.isEmpty() && databasesDown.isEmpty();
        conditions.add(allReady
                ? condition(before, READY, true, "AllServicesReady", "All " + total + " services are ready.", generation, now)
                : condition(before, READY, false, notReady.isEmpty() ? "DatabaseUnavailable" : "ServicesNotReady",
                        notReady.isEmpty() ? "Databases unavailable: " + String.join(", ", databasesDown) + "."
                                : "Not ready: " + String.join(", ", notReady) + ".",
                        generation, now));

        if (observed.paused()) {
            conditions.add(condition(before, PROGRESSING, false, "Paused",
                    "Reconciliation is paused (spec.paused): the shop's objects are left as they are.", generation, now));
        } else if (!databasesProvisioning.isEmpty()) {
            conditions.add(condition(before, PROGRESSING, true, "ProvisioningDatabases",
                    "Waiting for databases: " + String.join(", ", databasesProvisioning)
                            + ". Their services start once they accept connections.", generation, now));
        } else if (!rollingOut.isEmpty() || !notReady.isEmpty()) {
            conditions.add(condition(before, PROGRESSING, true, "RollingOut",
                    "Rolling out: " + String.join(", ", rollingOut.isEmpty() ? notReady : rollingOut) + ".", generation, now));
        } else {
            conditions.add(condition(before, PROGRESSING, false, "Reconciled",
                    "Every service runs its desired version.", generation, now));
        }

        conditions.add(degraded(before, observed, shop, databasesDown, stuck, generation, now));
        conditions.add(meshPolicy(before, observed, shop, generation, now));

        ShopPlatformStatus status = new ShopPlatformStatus();
        status.setObservedGeneration(generation);
        status.setConditions(conditions);
        status.setServices(services);
        status.setServicesReady(readyCount + "/" + total);
        status.setUrl(shop.isEnabled(ShopService.STOREFRONT) ? shop.storefrontUrl() : null);
        return status;
    }

    /** Which traffic policy is in force, and whether all of it is in place yet. */
    private static Condition meshPolicy(List<Condition> before, Observation observed, Shop shop, long generation, Instant now) {
        MeshMode mode = shop.meshMode();
        if (mode == MeshMode.none) {
            return condition(before, MESH_POLICY_APPLIED, false, "MeshDisabled", "spec.mesh.mode is none: the operator applies "
                    + "no traffic policy, so the shop's pods accept and make any connection the cluster allows.", generation, now);
        }
        if (mode == MeshMode.istio && !shop.istioInstalled()) {
            return condition(before, MESH_POLICY_APPLIED, false, "IstioNotInstalled", "spec.mesh.mode is istio but the cluster "
                    + "has no Istio CRDs (" + IstioPresentCondition.AUTHORIZATION_POLICY_CRD + "): install Istio, or use mode auto "
                    + "or networkpolicy. The shop's pods are not started without their policy.", generation, now);
        }
        Set<String> missing = new TreeSet<>(MeshPolicies.expected(shop));
        missing.removeAll(observed.meshPolicies());
        if (!missing.isEmpty()) {
            return condition(before, MESH_POLICY_APPLIED, false, "PoliciesPending",
                    "Waiting for: " + String.join(", ", missing) + ".", generation, now);
        }
        String how = shop.requestedMeshMode() == MeshMode.auto
                ? "Mode auto, " + (mode == MeshMode.istio ? "Istio is installed: " : "no Istio on this cluster, so NetworkPolicy: ")
                : "Mode " + mode + ": ";
        return mode == MeshMode.istio
                ? condition(before, MESH_POLICY_APPLIED, true, "Istio", how + "STRICT mutual TLS; everything is denied but the call "
                        + "graph's edges, each service admitting only its callers' identities and each database only its service; "
                        + "DestinationRules limit connections and eject failing pods.", generation, now)
                : condition(before, MESH_POLICY_APPLIED, true, "NetworkPolicy", how + "everything is denied but the call graph's "
                        + "edges; each service admits only its callers, each database only its service (enforced where the "
                        + "cluster's network plugin enforces NetworkPolicy).", generation, now);
    }

    private static Condition degraded(List<Condition> before, Observation observed, Shop shop, List<String> databasesDown,
            List<String> stuck, long generation, Instant now) {
        if (observed.reconcileError().isPresent()) {
            return condition(before, DEGRADED, true, "ReconcileError",
                    "The last reconciliation failed and is retried: " + observed.reconcileError().get(), generation, now);
        }
        if (!observed.externalDatabaseProblems().isEmpty()) {
            String problems = observed.externalDatabaseProblems().entrySet().stream()
                    .map(e -> e.getKey().id() + ": " + e.getValue())
                    .collect(Collectors.joining("; "));
            return condition(before, DEGRADED, true, "ExternalDatabaseInvalid",
                    problems + ". Create or fix the Secret (keys host, port, database, username, password); services "
                            + "wait for it and nothing else is changed.", generation, now);
        }
        if (observed.routeProblem().isPresent()) {
            return condition(before, DEGRADED, true, "GatewayApiUnavailable", observed.routeProblem().get() + ".",
                    generation, now);
        }
        if (!databasesDown.isEmpty()) {
            return condition(before, DEGRADED, true, "DatabaseUnavailable",
                    "Databases not accepting connections: " + String.join(", ", databasesDown)
                            + ". Check their pods (app.kubernetes.io/component=database).", generation, now);
        }
        if (!stuck.isEmpty()) {
            return condition(before, DEGRADED, true, "RolloutStuck",
                    "Rollout exceeded its deadline: " + String.join(", ", stuck)
                            + ". Check the image and the pods' events.", generation, now);
        }
        return condition(before, DEGRADED, false, "AsExpected", "No problems found.", generation, now);
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
        boolean ready = database != null && database.getStatus() != null
                && Objects.requireNonNullElse(database.getStatus().getReadyReplicas(), 0) >= 1;
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

    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> Map<String, R> byName(Collection<R> resources) {
        return resources.stream().collect(Collectors.toMap(r -> r.getMetadata().getName(), Function.identity(), (a, b) -> a));
    }
}
