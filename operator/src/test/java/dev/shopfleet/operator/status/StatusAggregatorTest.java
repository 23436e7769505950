package dev.shopfleet.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.MeshMode;
import dev.shopfleet.operator.api.MessagingMode;
import dev.shopfleet.operator.api.RouteSpec;
import dev.shopfleet.operator.api.ShopPlatformStatus;
import dev.shopfleet.operator.dependents.MeshPolicies;
import dev.shopfleet.operator.shop.HostClaim;
import dev.shopfleet.operator.shop.ExternalBroker;
import dev.shopfleet.operator.shop.ServiceProblem;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.TestShops;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class StatusAggregatorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T10:05:00Z");
    private final Shop shop = TestShops.shop();

    @Test
    void aShopWhoseServicesAndDatabasesAreAllReadyIsReady() {
        ShopPlatformStatus status = aggregate(allDeployments(1), allDatabases(1), Map.of(), null, T0);
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("Reconciled");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
        assertThat(status.getServicesReady()).isEqualTo("8/8");
        assertThat(status.getObservedGeneration()).isEqualTo(3L);
        assertThat(status.getServices().get("catalog").getDatabase()).isEqualTo("Ready");
        assertThat(status.getServices().get("storefront").getDatabase()).isNull();
    }

    @Test
    void aReadyBrokerListsItsTopicsAndAShopWithoutOneHasNoMessagingStatus() {
        ShopPlatformStatus status = aggregate(allDeployments(1), allDatabases(1), Map.of(), null, T0);
        assertThat(status.getMessaging().getBroker()).isEqualTo("Ready");
        assertThat(status.getMessaging().getBootstrapServers()).isEqualTo("demo-broker:9092");
        assertThat(status.getMessaging().getTopics()).containsExactly("order-events", "notifications-dead-letters", "catalog-dead-letters");

        Shop withoutBroker = TestShops.shop(r -> r.getSpec().getMessaging().setMode(MessagingMode.none));
        List<StatefulSet> databasesOnly = allDatabases(1).stream()
                .filter(sts -> !sts.getMetadata().getName().equals(shop.brokerName())).toList();
        ShopPlatformStatus none = StatusAggregator.aggregate(withoutBroker, new StatusAggregator.Observation(allDeployments(1),
                databasesOnly, Set.of(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), false,
                Optional.empty(), Map.of()), null, T0);
        assertThat(none.getMessaging()).isNull();
        assertThat(condition(none, "Ready").getStatus()).isEqualTo("True");
    }

    @Test
    void aShopIsNotReadyWithoutItsBrokerAndSaysWhetherItIsComingOrLost() {
        ShopPlatformStatus coming = aggregate(allDeployments(1), withBroker(0), Map.of(), null, T0);
        assertThat(coming.getMessaging().getBroker()).isEqualTo("Provisioning");
        assertThat(coming.getMessaging().getTopics()).isEmpty();
        assertThat(condition(coming, "Ready").getReason()).isEqualTo("BrokerNotReady");
        assertThat(condition(coming, "Progressing").getReason()).isEqualTo("ProvisioningBroker");

        ShopPlatformStatus ready = aggregate(allDeployments(1), allDatabases(1), Map.of(), coming, T0);
        ShopPlatformStatus lost = aggregate(allDeployments(1), withBroker(0), Map.of(), ready, T1);
        assertThat(lost.getMessaging().getBroker()).isEqualTo("Unavailable");
        assertThat(condition(lost, "Ready").getReason()).isEqualTo("BrokerNotReady");
        assertThat(condition(lost, "Ready").getMessage()).contains("unavailable", "outbox");
        assertThat(aggregate(allDeployments(1), withBroker(0), Map.of(), lost, T1).getMessaging().getBroker())
                .as("stays lost until it is back").isEqualTo("Unavailable");
    }

    @Test
    void aBrokerOrDatabaseWhosePodsDoNotAllRunTheLatestTemplateKeepsTheShopProgressing() {
        ShopPlatformStatus settled = aggregate(allDeployments(1), allDatabases(1), Map.of(), null, T0);
        // The broker's new template is seen, its old pod still runs and is ready: the shop serves and is not done.
        List<StatefulSet> brokerRolling = replace(allDatabases(1), rolledOut(shop.brokerName(), 2, 2, "broker-1", "broker-2"));
        ShopPlatformStatus rolling = aggregate(allDeployments(1), brokerRolling, Map.of(), settled, T1);
        assertThat(condition(rolling, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(rolling, "Progressing").getStatus()).isEqualTo("True");
        assertThat(condition(rolling, "Progressing").getReason()).isEqualTo("RollingOut");
        assertThat(condition(rolling, "Progressing").getMessage()).isEqualTo("Rolling out: broker.");

        // A database whose controller has not yet seen its latest template.
        List<StatefulSet> catalogUnseen = replace(allDatabases(1), rolledOut("demo-catalog-db", 3, 2, "db-1", "db-1"));
        assertThat(condition(aggregate(allDeployments(1), catalogUnseen, Map.of(), settled, T1), "Progressing").getMessage())
                .isEqualTo("Rolling out: catalog database.");

        List<StatefulSet> done = replace(allDatabases(1), rolledOut(shop.brokerName(), 2, 2, "broker-2", "broker-2"));
        assertThat(condition(aggregate(allDeployments(1), done, Map.of(), rolling, T1), "Progressing").getReason())
                .isEqualTo("Reconciled");
    }

    @Test
    void whileDatabasesAreProvisionedTheShopSaysSoAndIsNotDegraded() {
        ShopPlatformStatus status = aggregate(List.of(), allDatabases(0), Map.of(), null, T0);
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("ProvisioningDatabases");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
        assertThat(status.getServicesReady()).isEqualTo("0/8");
    }

    @Test
    void aDatabaseLostAfterItWasReadyDegradesTheShopWithAReason() {
        ShopPlatformStatus ready = aggregate(allDeployments(1), allDatabases(1), Map.of(), null, T0);
        List<StatefulSet> paymentsDown = replace(allDatabases(1), database("demo-payments-db", 0));
        ShopPlatformStatus down = aggregate(allDeployments(1), paymentsDown, Map.of(), ready, T1);
        Condition degraded = condition(down, "Degraded");
        assertThat(degraded.getStatus()).isEqualTo("True");
        assertThat(degraded.getReason()).isEqualTo("DatabaseUnavailable");
        assertThat(degraded.getMessage()).contains("payments");
        assertThat(down.getServices().get("payments").getDatabase()).isEqualTo("Unavailable");
        assertThat(condition(down, "Ready").getStatus()).isEqualTo("False");

        var unschedulable = Map.of(ShopService.PAYMENTS, new ServiceProblem(ServiceProblem.UNSCHEDULABLE,
                "its database's pod cannot be scheduled: 0/1 nodes are available"));
        var why = new StatusAggregator.Observation(allDeployments(1), paymentsDown, Set.of(), Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, Optional.empty(), unschedulable);
        Condition explained = condition(StatusAggregator.aggregate(shop, why, ready, T1), "Degraded");
        assertThat(explained.getReason()).as("a database that went down stays the reason").isEqualTo("DatabaseUnavailable");
        assertThat(explained.getMessage()).contains("payments (its database's pod cannot be scheduled");
    }

    @Test
    void anInvalidExternalDatabaseIsReportedWithWhatToFix() {
        ShopPlatformStatus status = aggregate(allDeployments(1), allDatabases(1),
                Map.of(ShopService.CATALOG, "Secret catalog-pg not found"), null, T0);
        Condition degraded = condition(status, "Degraded");
        assertThat(degraded.getReason()).isEqualTo("ExternalDatabaseInvalid");
        assertThat(degraded.getMessage()).contains("catalog: Secret catalog-pg not found");
    }

    @Test
    void theSameObservationsGiveAnEqualStatusWithUnchangedTransitionTimes() {
        ShopPlatformStatus first = aggregate(allDeployments(1), allDatabases(1), Map.of(), null, T0);
        ShopPlatformStatus again = aggregate(allDeployments(1), allDatabases(1), Map.of(), first, T1);
        assertThat(again).isEqualTo(first); // so the reconciler writes nothing
        assertThat(condition(again, "Ready").getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    }

    @Test
    void aTransitionMovesOnlyThatConditionsTime() {
        ShopPlatformStatus first = aggregate(allDeployments(0), allDatabases(1), Map.of(), null, T0);
        ShopPlatformStatus later = aggregate(allDeployments(1), allDatabases(1), Map.of(), first, T1);
        assertThat(condition(later, "Ready").getLastTransitionTime()).isEqualTo("2026-01-01T10:05:00Z");
        assertThat(condition(later, "Degraded").getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    }

    @Test
    void aShopWhoseHostIsHeldByAnotherIsDegradedAndNamesTheHolder() {
        Shop routed = TestShops.shop(r -> r.getSpec().setRoute(route("tea.shop.test")));
        var holder = new HostClaim("ShopPlatform", "shop-a", "tea", Instant.parse("2026-01-01T09:00:00Z"));
        var observed = new StatusAggregator.Observation(allDeployments(1), allDatabases(1), Set.of(), Map.of(), Optional.empty(),
                Optional.of(holder), Optional.empty(), false, Optional.empty(), Map.of());
        Condition degraded = condition(StatusAggregator.aggregate(routed, observed, null, T0), "Degraded");
        assertThat(degraded.getStatus()).isEqualTo("True");
        assertThat(degraded.getReason()).isEqualTo("HostConflict");
        assertThat(degraded.getMessage()).contains("tea.shop.test", "ShopPlatform shop-a/tea");
    }

    @Test
    void whatOnlyTheClusterCanTellIsDegradedWithTheFirstServicesReasonAndNamesEveryService() {
        var problems = new LinkedHashMap<ShopService, ServiceProblem>();
        problems.put(ShopService.CART, new ServiceProblem(ServiceProblem.STORAGE_CLASS_NOT_FOUND, "its database's StorageClass fast does not exist"));
        problems.put(ShopService.STOREFRONT, new ServiceProblem(ServiceProblem.IMAGE_PULL_FAILED, "its pod cannot pull image x/storefront:1"));
        var observed = new StatusAggregator.Observation(allDeployments(1), allDatabases(1), Set.of(), Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, Optional.empty(), problems);
        Condition degraded = condition(StatusAggregator.aggregate(shop, observed, null, T0), "Degraded");
        assertThat(degraded.getStatus()).isEqualTo("True");
        assertThat(degraded.getReason()).isEqualTo(ServiceProblem.STORAGE_CLASS_NOT_FOUND);
        assertThat(degraded.getMessage()).contains("cart: its database's StorageClass fast", "storefront: its pod cannot pull image");
    }

    @Test
    void aBrokerNoNodeTakesIsDegradedSoTheShopReachesAnEndAndSaysWhy() {
        var observed = new StatusAggregator.Observation(allDeployments(1), allDatabases(1), Set.of(), Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, Optional.empty(), Map.of(), Optional.of(new ServiceProblem(
                        ServiceProblem.UNSCHEDULABLE, "its pod cannot be scheduled: 0/3 nodes are available")));
        Condition degraded = condition(StatusAggregator.aggregate(shop, observed, null, T0), "Degraded");
        assertThat(degraded.getStatus()).isEqualTo("True");
        assertThat(degraded.getReason()).isEqualTo(ServiceProblem.UNSCHEDULABLE);
        assertThat(degraded.getMessage()).startsWith("broker: its pod cannot be scheduled: 0/3 nodes").contains("outbox");
    }

    @Test
    void anExternalBrokerIsReadyWhenItsSecretIsValidAndDegradesTheShopWithWhatToFixWhenNot() {
        Shop external = TestShops.shop(r -> TestShops.externalBroker(r, "platform-kafka"));
        var valid = new StatusAggregator.Observation(allDeployments(1), allDatabases(1), Set.of(), Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, Optional.empty(), Map.of(), Optional.empty());
        ShopPlatformStatus ok = StatusAggregator.aggregate(external, valid, null, T0);
        assertThat(ok.getMessaging().getBroker()).isEqualTo("External");
        assertThat(ok.getMessaging().getTopics()).containsExactly("order-events", "notifications-dead-letters", "catalog-dead-letters");
        assertThat(condition(ok, "Ready").getStatus()).isEqualTo("True");

        var invalid = new StatusAggregator.Observation(allDeployments(1), allDatabases(1), Set.of(), Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, Optional.empty(), Map.of(ShopService.ORDERS, new ServiceProblem(
                        ServiceProblem.PODS_FAILING, "its pods cannot start: secret key orders-password not found")),
                Optional.of(new ServiceProblem(ExternalBroker.INVALID, "Secret platform-kafka lacks orders-password")));
        ShopPlatformStatus bad = StatusAggregator.aggregate(external, invalid, ok, T0);
        assertThat(bad.getMessaging().getBroker()).isEqualTo("Invalid");
        assertThat(condition(bad, "Ready").getReason()).isEqualTo("BrokerNotReady");
        Condition degraded = condition(bad, "Degraded");
        assertThat(degraded.getReason()).as("the cause before its symptom in orders' pods").isEqualTo(ExternalBroker.INVALID);
        assertThat(degraded.getMessage()).startsWith("broker: Secret platform-kafka lacks orders-password").contains("bootstrap-servers");
    }

    @Test
    void aNamespaceThatDoesNotEnforceRestrictedIsAWarningNotAFailure() {
        Condition unset = condition(aggregateWithPodSecurity(Optional.empty()), "PodSecurityEnforced");
        assertThat(unset.getStatus()).isEqualTo("False");
        assertThat(unset.getReason()).isEqualTo("NotRestricted");
        assertThat(unset.getMessage()).contains("kubectl label namespace shops pod-security.kubernetes.io/enforce=restricted");
        assertThat(condition(aggregateWithPodSecurity(Optional.of("baseline")), "PodSecurityEnforced").getMessage()).contains("baseline");
        ShopPlatformStatus restricted = aggregateWithPodSecurity(Optional.of("restricted"));
        assertThat(condition(restricted, "PodSecurityEnforced").getStatus()).isEqualTo("True");
        assertThat(condition(aggregateWithPodSecurity(Optional.empty()), "Ready").getStatus()).as("still ready").isEqualTo("True");
        assertThat(condition(aggregateWithPodSecurity(Optional.empty()), "Degraded").getStatus()).as("not degraded").isEqualTo("False");
    }

    private ShopPlatformStatus aggregateWithPodSecurity(Optional<String> level) {
        return StatusAggregator.aggregate(shop, new StatusAggregator.Observation(allDeployments(1), allDatabases(1), Set.of(),
                Map.of(), Optional.empty(), Optional.empty(), level, false, Optional.empty(), Map.of()), null, T0);
    }

    @Test
    void aPausedShopSaysItIsPaused() {
        var observed = new StatusAggregator.Observation(allDeployments(1), allDatabases(1), Set.of(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), true,
                Optional.empty(), Map.of());
        ShopPlatformStatus status = StatusAggregator.aggregate(shop, observed, null, T0);
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("Paused");
    }

    @Test
    void theMeshConditionSaysWhichModeIsInForceAndWhatIsMissing() {
        Set<String> all = MeshPolicies.expected(shop);
        Condition applied = mesh(shop, all);
        assertThat(applied.getStatus()).isEqualTo("True");
        assertThat(applied.getReason()).isEqualTo("NetworkPolicy");
        assertThat(applied.getMessage()).startsWith("Mode auto, no Istio");

        Set<String> allButOne = new TreeSet<>(all);
        String first = allButOne.iterator().next();
        allButOne.remove(first);
        Condition pending = mesh(shop, allButOne);
        assertThat(pending.getStatus()).isEqualTo("False");
        assertThat(pending.getReason()).isEqualTo("PoliciesPending");
        assertThat(pending.getMessage()).contains(first);

        Condition disabled = mesh(TestShops.shop(r -> r.getSpec().getMesh().setMode(MeshMode.none)), Set.of());
        assertThat(disabled.getStatus()).isEqualTo("False");
        assertThat(disabled.getReason()).isEqualTo("MeshDisabled");
    }

    @Test
    void withIstioInstalledAutoMeansIstioAndIstioWithoutItIsRefused() {
        Shop onIstio = TestShops.onIstio(shop);
        Set<String> expected = MeshPolicies.expected(onIstio);
        assertThat(expected).allMatch(k -> !k.startsWith("NetworkPolicy/")).contains("PeerAuthentication/demo-mtls");
        Condition istio = mesh(onIstio, expected);
        assertThat(istio.getReason()).isEqualTo("Istio");
        assertThat(istio.getMessage()).startsWith("Mode auto, Istio is installed").contains("STRICT");

        Shop wantsIstio = TestShops.shop(r -> r.getSpec().getMesh().setMode(MeshMode.istio));
        Condition refused = mesh(wantsIstio, Set.of());
        assertThat(refused.getStatus()).isEqualTo("False");
        assertThat(refused.getReason()).isEqualTo("IstioNotInstalled");
    }

    private Condition mesh(Shop shop, Set<String> observedPolicies) {
        Set<String> missing = new TreeSet<>(MeshPolicies.expected(shop));
        missing.removeAll(observedPolicies);
        return condition(StatusAggregator.aggregate(shop, new StatusAggregator.Observation(allDeployments(1), allDatabases(1),
                missing, Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(), Map.of()), null, T0), "MeshPolicyApplied");
    }

    private ShopPlatformStatus aggregate(List<Deployment> deployments, List<StatefulSet> databases,
            Map<ShopService, String> problems, ShopPlatformStatus previous, Instant now) {
        return StatusAggregator.aggregate(shop,
                new StatusAggregator.Observation(deployments, databases, Set.of(), problems, Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(), Map.of()), previous, now);
    }

    private List<Deployment> allDeployments(int ready) {
        return shop.enabledServices().stream().map(s -> new DeploymentBuilder()
                .withNewMetadata().withName(shop.objectName(s)).withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(ready)
                .endStatus()
                .build()).toList();
    }

    /** The shop's StatefulSets as the operator's cache holds them: the databases and the broker. */
    private List<StatefulSet> allDatabases(int ready) {
        List<StatefulSet> all = new ArrayList<>(shop.enabledServices().stream().filter(ShopService::ownsDatabase)
                .map(s -> database(shop.databaseName(s), ready)).toList());
        all.add(database(shop.brokerName(), ready));
        return all;
    }

    private List<StatefulSet> withBroker(int ready) {
        return replace(allDatabases(1), database(shop.brokerName(), ready));
    }

    private static StatefulSet database(String name, int ready) {
        return new StatefulSetBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withReadyReplicas(ready).endStatus().build();
    }

    private static StatefulSet rolledOut(String name, long generation, long observed, String current, String update) {
        return new StatefulSetBuilder().withNewMetadata().withName(name).withGeneration(generation).endMetadata()
                .withNewStatus().withReadyReplicas(1).withObservedGeneration(observed).withCurrentRevision(current)
                .withUpdateRevision(update).endStatus().build();
    }

    private static List<StatefulSet> replace(List<StatefulSet> statefulSets, StatefulSet replacement) {
        String name = replacement.getMetadata().getName();
        return statefulSets.stream().map(sts -> sts.getMetadata().getName().equals(name) ? replacement : sts).toList();
    }

    private static Condition condition(ShopPlatformStatus status, String type) {
        return StatusAggregator.find(status, type).orElseThrow();
    }

    private static RouteSpec route(String host) {
        RouteSpec route = new RouteSpec();
        route.setHost(host);
        return route;
    }
}
