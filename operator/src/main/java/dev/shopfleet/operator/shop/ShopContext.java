package dev.shopfleet.operator.shop;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.ShopPlatform;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One reconciliation's view of a shop: the resource with the operator's defaults and the cluster's capabilities
 * applied, and what the reconciler checked before the workflow ran. Built once per reconciliation and handed to
 * every dependent and condition through JOSDK's context, so nothing is derived twice or kept between reconciliations.
 *
 * @param externalDatabaseProblems per service, what is wrong with its external database's Secret
 * @param externalDatabasePorts per service, the port its external database listens on
 * @param externalBroker the external broker as its Secret describes it (what is wrong with it, its ports)
 * @param hostHeldBy who serves the shop's host instead of it (another shop, or an Ingress not the operator's)
 * @param routeRefusal why the shop may not have the route it asks for (an IngressClass it may not use)
 * @param podSecurityEnforced the Pod Security level the shop's namespace enforces, if it was looked at and has one
 * @param serviceProblems per service, why it does not run, as far as the cluster tells (its volume, its pods)
 * @param startable the enabled services whose Deployment may exist: those without a database, those whose
 *        database is ready, and those already running (a database that is briefly down does not remove its service)
 * @param applies where the dependents send their objects to the API server side by side (ShopApplies)
 */
public record ShopContext(Shop shop, Map<ShopService, String> externalDatabaseProblems,
        Map<ShopService, Integer> externalDatabasePorts, ExternalBroker externalBroker, Optional<HostClaim> hostHeldBy,
        Optional<RouteRefusal> routeRefusal, Optional<String> podSecurityEnforced,
        Map<ShopService, ServiceProblem> serviceProblems, Set<ShopService> startable, ShopApplies applies) {
    public static final String POD_SECURITY_ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";
    private static final String KEY = ShopContext.class.getName();

    public ShopContext {
        externalDatabaseProblems = Map.copyOf(externalDatabaseProblems);
        externalDatabasePorts = Map.copyOf(externalDatabasePorts);
        // in the order found: the first names the condition
        serviceProblems = Collections.unmodifiableMap(new LinkedHashMap<>(serviceProblems));
        startable = Set.copyOf(startable);
    }

    /** The view the reconciler attached to this reconciliation. */
    public static ShopContext of(Context<ShopPlatform> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, ShopContext.class);
    }

    public static Optional<ShopContext> find(Context<ShopPlatform> context) {
        return context.managedWorkflowAndDependentResourceContext().get(KEY, ShopContext.class);
    }

    public ShopContext attachTo(Context<ShopPlatform> context) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, this);
        return this;
    }

    public Capabilities capabilities() {
        return shop.capabilities();
    }

    /** The storefront gets an Ingress: the shop has a route without a Gateway, and the host is its own. */
    public boolean routedByIngress() {
        return shop.isRouted() && !shop.routesThroughGateway() && hostHeldBy.isEmpty() && routeRefusal.isEmpty();
    }

    /** The storefront gets an HTTPRoute: the shop's route names a Gateway, and the host is its own. */
    public boolean routedByGateway() {
        return shop.routesThroughGateway() && hostHeldBy.isEmpty() && routeRefusal.isEmpty();
    }
}
