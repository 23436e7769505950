package dev.shopfleet.operator.reconciler;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.DatabaseMode;
import dev.shopfleet.operator.api.MeshMode;
import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.api.ShopPlatformStatus;
import dev.shopfleet.operator.dependents.AuthorizationPoliciesDependent;
import dev.shopfleet.operator.dependents.AutoscalersDependent;
import dev.shopfleet.operator.dependents.ConfigMapsDependent;
import dev.shopfleet.operator.dependents.GeneratedSecretsDependent;
import dev.shopfleet.operator.dependents.DatabasesDependent;
import dev.shopfleet.operator.dependents.DeploymentsDependent;
import dev.shopfleet.operator.dependents.DestinationRulesDependent;
import dev.shopfleet.operator.dependents.DisruptionBudgetsDependent;
import dev.shopfleet.operator.dependents.GatewayApiPresentCondition;
import dev.shopfleet.operator.dependents.IstioPresentCondition;
import dev.shopfleet.operator.dependents.MeshPolicies;
import dev.shopfleet.operator.dependents.MeshPoliciesInPlaceCondition;
import dev.shopfleet.operator.dependents.NetworkPoliciesDependent;
import dev.shopfleet.operator.dependents.PeerAuthenticationsDependent;
import dev.shopfleet.operator.dependents.PodMonitorsDependent;
import dev.shopfleet.operator.dependents.PrometheusOperatorPresentCondition;
import dev.shopfleet.operator.dependents.PrometheusRulesDependent;
import dev.shopfleet.operator.dependents.RouteConfiguredCondition;
import dev.shopfleet.operator.dependents.RoutedThroughGatewayCondition;
import dev.shopfleet.operator.dependents.ServiceAccountsDependent;
import dev.shopfleet.operator.dependents.ServicesDependent;
import dev.shopfleet.operator.dependents.StorefrontHttpRouteDependent;
import dev.shopfleet.operator.dependents.StorefrontIngressDependent;
import dev.shopfleet.operator.shop.ExternalBroker;
import dev.shopfleet.operator.shop.OperatorConfig;
import dev.shopfleet.operator.shop.RouteRefusal;
import dev.shopfleet.operator.shop.ShopApplies;
import dev.shopfleet.operator.shop.ServiceProblem;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.ShopContext;
import dev.shopfleet.operator.status.OperatorMetrics;
import dev.shopfleet.operator.status.ShopEvents;
import dev.shopfleet.operator.status.StatusAggregator;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a ShopPlatform into a running shop: checks what admission could not, runs the workflow of
 * dependent resources (unless paused), and reports what it observes. The order: a service's
 * Deployment waits for its own database to accept connections (not for the others': see ShopContext.startable);
 * databases and Deployments wait for the network policies (nothing runs unprotected); disruption budgets and
 * autoscalers follow their Deployments. Services come after the databases: the API server takes longest over them
 * (their cluster IPs), and the databases, which the Deployments wait for, should not queue behind them.
 */
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = ShopPlatformReconciler.SERVICE_ACCOUNTS, type = ServiceAccountsDependent.class),
    @Dependent(name = ShopPlatformReconciler.CONFIG_MAPS, type = ConfigMapsDependent.class),
    @Dependent(name = ShopPlatformReconciler.GENERATED_SECRETS, type = GeneratedSecretsDependent.class),
    @Dependent(name = ShopPlatformReconciler.NETWORK_POLICIES, type = NetworkPoliciesDependent.class,
            readyPostcondition = MeshPoliciesInPlaceCondition.class),
    @Dependent(name = ShopPlatformReconciler.PEER_AUTHENTICATIONS, type = PeerAuthenticationsDependent.class,
            activationCondition = IstioPresentCondition.class),
    @Dependent(name = ShopPlatformReconciler.AUTHORIZATION_POLICIES, type = AuthorizationPoliciesDependent.class,
            activationCondition = IstioPresentCondition.class),
    @Dependent(name = ShopPlatformReconciler.DESTINATION_RULES, type = DestinationRulesDependent.class,
            activationCondition = IstioPresentCondition.class),
    @Dependent(name = ShopPlatformReconciler.DATABASES, type = DatabasesDependent.class,
            dependsOn = {ShopPlatformReconciler.GENERATED_SECRETS, ShopPlatformReconciler.NETWORK_POLICIES,
                ShopPlatformReconciler.CONFIG_MAPS}),
    @Dependent(name = ShopPlatformReconciler.SERVICES, type = ServicesDependent.class,
            dependsOn = ShopPlatformReconciler.DATABASES),
    @Dependent(name = ShopPlatformReconciler.DEPLOYMENTS, type = DeploymentsDependent.class,
            dependsOn = {ShopPlatformReconciler.CONFIG_MAPS, ShopPlatformReconciler.SERVICE_ACCOUNTS,
                ShopPlatformReconciler.GENERATED_SECRETS, ShopPlatformReconciler.NETWORK_POLICIES}),
    @Dependent(name = ShopPlatformReconciler.DISRUPTION_BUDGETS, type = DisruptionBudgetsDependent.class,
            dependsOn = ShopPlatformReconciler.DEPLOYMENTS),
    @Dependent(name = ShopPlatformReconciler.AUTOSCALERS, type = AutoscalersDependent.class,
            dependsOn = ShopPlatformReconciler.DEPLOYMENTS),
    @Dependent(name = ShopPlatformReconciler.POD_MONITORS, type = PodMonitorsDependent.class,
            activationCondition = PrometheusOperatorPresentCondition.class),
    @Dependent(name = ShopPlatformReconciler.PROMETHEUS_RULES, type = PrometheusRulesDependent.class,
            activationCondition = PrometheusOperatorPresentCondition.class),
    @Dependent(name = ShopPlatformReconciler.STOREFRONT_INGRESS, type = StorefrontIngressDependent.class,
            reconcilePrecondition = RouteConfiguredCondition.class),
    @Dependent(name = ShopPlatformReconciler.STOREFRONT_HTTP_ROUTE, type = StorefrontHttpRouteDependent.class,
            activationCondition = GatewayApiPresentCondition.class,
            reconcilePrecondition = RoutedThroughGatewayCondition.class),
})
@ControllerConfiguration(name = ShopPlatformReconciler.NAME, fieldManager = Shop.MANAGED_BY,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public class ShopPlatformReconciler implements Reconciler<ShopPlatform> {
    public static final String NAME = "shopplatform";
    static final String SERVICE_ACCOUNTS = "service-accounts";
    static final String CONFIG_MAPS = "config-maps";
    static final String GENERATED_SECRETS = "generated-secrets";
    static final String DATABASES = "databases";
    static final String NETWORK_POLICIES = "network-policies";
    static final String PEER_AUTHENTICATIONS = "peer-authentications";
    static final String AUTHORIZATION_POLICIES = "authorization-policies";
    static final String DESTINATION_RULES = "destination-rules";
    static final String SERVICES = "services";
    static final String DEPLOYMENTS = "deployments";
    static final String DISRUPTION_BUDGETS = "disruption-budgets";
    static final String AUTOSCALERS = "autoscalers";
    static final String POD_MONITORS = "pod-monitors";
    static final String PROMETHEUS_RULES = "prometheus-rules";
    static final String STOREFRONT_INGRESS = "storefront-ingress";
    static final String STOREFRONT_HTTP_ROUTE = "storefront-http-route";
    private static final long POLICY_RECHECK_SECONDS = 2;

    private final OperatorConfig config;
    private final ClusterCapabilities capabilities;
    private final OperatorMetrics metrics;
    private final ShopApplies applies;

    public ShopPlatformReconciler(OperatorConfig config, ClusterCapabilities capabilities, OperatorMetrics metrics,
            ShopApplies applies) {
        this.config = config;
        this.capabilities = capabilities;
        this.metrics = metrics;
        this.applies = applies;
    }

    @Override
    public UpdateControl<ShopPlatform> reconcile(ShopPlatform resource, Context<ShopPlatform> context) {
        metrics.observe(context);
        Namespace namespace = ShopNamespaces.of(resource, context).orElse(null);
        if (namespace == null || namespace.getMetadata().getDeletionTimestamp() != null) {
            // Its namespace's objects are being deleted, the shop among them: recreating its children would
            // only be refused, over and over, until the shop itself is gone.
            return UpdateControl.noUpdate();
        }
        ShopContext shop = view(resource, context, Optional.of(namespace)).attachTo(context);
        if (!resource.getSpec().isPaused()) {
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        }
        UpdateControl<ShopPlatform> update = updateStatus(shop, context, Optional.empty());
        if (resource.getSpec().isPaused()) {
            return update;
        }
        if (waitsForCapability(shop)) {
            // Nothing in the cluster changes when Istio, the Gateway API or the Prometheus Operator is installed that the
            // shop's informers would see: look again as often as the operator looks for them.
            return update.rescheduleAfter(capabilities.recheckInterval().toSeconds(), TimeUnit.SECONDS);
        }
        if (!MeshPolicies.missing(shop.shop(), context).isEmpty()) {
            // Policies created in parallel with this step are not all in the caches yet: come back for the rest.
            return update.rescheduleAfter(POLICY_RECHECK_SECONDS, TimeUnit.SECONDS);
        }
        return update;
    }

    private static boolean waitsForCapability(ShopContext shop) {
        return shop.shop().meshMode() == MeshMode.istio && !shop.capabilities().istio()
                || shop.shop().routesThroughGateway() && !shop.capabilities().gatewayApi()
                || shop.shop().monitoringNamespace().isPresent() && !shop.capabilities().prometheusOperator();
    }

    @Override
    public ErrorStatusUpdateControl<ShopPlatform> updateErrorStatus(ShopPlatform resource, Context<ShopPlatform> context,
            Exception e) {
        metrics.reconcileFailed();
        ShopContext shop = ShopContext.find(context).orElseGet(() -> view(resource, context, Optional.empty()));
        var update = updateStatus(shop, context, Optional.of(describe(e)));
        return update.isPatchStatus() ? ErrorStatusUpdateControl.patchStatus(update.getResource().orElseThrow())
                : ErrorStatusUpdateControl.noStatusUpdate();
    }

    /** This reconciliation's view of the shop: defaults, capabilities and what admission could not check. */
    private ShopContext view(ShopPlatform resource, Context<ShopPlatform> context, Optional<Namespace> namespace) {
        Shop shop = new Shop(resource, config.defaults(), capabilities.current());
        Optional<String> podSecurity = namespace.map(ns -> ns.getMetadata().getLabels())
                .map(labels -> labels.get(ShopContext.POD_SECURITY_ENFORCE_LABEL));
        Function<String, Secret> secrets = namedSecrets(shop, context);
        Map<ShopService, String> databaseProblems = ExternalDatabases.problems(shop, secrets);
        Map<ShopService, ServiceProblem> serviceProblems = new LinkedHashMap<>(ServiceProblem.storage(shop));
        ShopPods.problems(shop, context).forEach(serviceProblems::putIfAbsent);
        DeadLetters.problems(context).forEach(serviceProblems::putIfAbsent);
        return new ShopContext(shop, databaseProblems, ExternalDatabases.ports(shop, secrets), ExternalBroker.of(shop, secrets),
                HostClaims.heldAgainst(shop, context), RouteRefusal.of(shop, config.ingress().allowedClasses()), podSecurity,
                serviceProblems, startable(shop, databaseProblems, context), applies);
    }

    private static Set<ShopService> startable(Shop shop, Map<ShopService, String> databaseProblems,
            Context<ShopPlatform> context) {
        Set<String> running = context.getSecondaryResourcesAsStream(Deployment.class)
                .map(d -> d.getMetadata().getName()).collect(Collectors.toSet());
        Set<String> databasesReady = context.getSecondaryResourcesAsStream(StatefulSet.class)
                .filter(DatabasesDependent::isReady).map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
        return shop.enabledServices().stream().filter(service -> !service.ownsDatabase()
                        || running.contains(shop.objectName(service))
                        || (shop.database(service).getMode() == DatabaseMode.external
                                ? !databaseProblems.containsKey(service)
                                : databasesReady.contains(shop.databaseName(service))))
                .collect(Collectors.toSet());
    }

    @Override
    public List<EventSource<?, ShopPlatform>> prepareEventSources(EventSourceContext<ShopPlatform> context) {
        var pods = ShopPods.eventSource(context);
        return List.of(HostClaims.eventSource(context), pods, DeadLetters.eventSource(context, pods),
                ShopNamespaces.eventSource(context));
    }

    /** The Secrets the spec names (external databases', an external broker's), each read once (never cached, never logged). */
    private static Function<String, Secret> namedSecrets(Shop shop, Context<ShopPlatform> context) {
        Map<String, Secret> read = new HashMap<>();
        return name -> read.computeIfAbsent(name, n -> context.getClient().secrets().inNamespace(shop.namespace())
                .withName(n).get());
    }

    private static UpdateControl<ShopPlatform> updateStatus(ShopContext view, Context<ShopPlatform> context,
            Optional<String> error) {
        Shop shop = view.shop();
        ShopPlatform resource = shop.resource();
        ShopPlatformStatus before = resource.getStatus();
        var observation = new StatusAggregator.Observation(
                context.getSecondaryResources(Deployment.class),
                context.getSecondaryResources(StatefulSet.class),
                MeshPolicies.missing(shop, context),
                view.externalDatabaseProblems(), view.routeRefusal(), view.hostHeldBy(), view.podSecurityEnforced(),
                resource.getSpec().isPaused(), error, view.serviceProblems(),
                ShopPods.brokerProblem(shop, context).or(() -> view.externalBroker().problem()));
        ShopPlatformStatus after = StatusAggregator.aggregate(shop, observation, before, Instant.now());
        if (after.equals(before)) {
            return UpdateControl.noUpdate(); // nothing changed: an idle resync writes nothing
        }
        ShopEvents.emit(context.getClient(), resource, before, after);
        ShopPlatform patch = new ShopPlatform();
        patch.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(resource.getMetadata().getName())
                .withNamespace(resource.getMetadata().getNamespace())
                .build());
        patch.setStatus(after);
        return UpdateControl.patchStatus(patch);
    }

    // For the status: which part failed and what the API server said, briefly.
    static String describe(Exception e) {
        String message;
        if (e instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
            message = aggregated.getAggregatedExceptions().entrySet().stream()
                    .map(entry -> entry.getKey() + ": " + rootMessage(entry.getValue()))
                    .sorted()
                    .collect(Collectors.joining("; "));
        } else {
            message = rootMessage(e);
        }
        return message.length() > 400 ? message.substring(0, 400) + "…" : message;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof KubernetesClientException k8s && k8s.getStatus() != null && k8s.getStatus().getMessage() != null) {
            return k8s.getStatus().getMessage();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
