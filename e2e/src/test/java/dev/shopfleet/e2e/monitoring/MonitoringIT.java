package dev.shopfleet.e2e.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.e2e.AuditLog;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import dev.shopfleet.e2e.operator.OperatorProcess;
import dev.shopfleet.e2e.operator.SharedOperator;
import dev.shopfleet.e2e.operator.Shops;
import dev.shopfleet.e2e.operator.ThirdPartyCrds;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import dev.shopfleet.testkit.PromQl;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What SREs see, on the local cluster with a real Prometheus run by the real Prometheus Operator (`cluster monitoring
 * up`, both built from their Go modules): a shop of the services' own images says it is not monitored while the cluster
 * has no Prometheus Operator; once it has, every service of the shop is scraped through the shop's NetworkPolicies,
 * Prometheus loads the shop's alerts, and stopping the payments database makes its alert fire, and resolve once the
 * database is back. The operator's own alerts and dashboard read only what a running operator exports.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {
    private static final String SHOP = "watched";
    private static final Duration READY = Duration.ofMinutes(8);
    /**
     * Scrapes every 10 s, rules every 5 s. The test shop's alerts wait 30 s, three scrapes: with 10 s, a scrape or two that
     * failed on a loaded machine paged for a healthy shop (CI, once). An alert fires within a minute or so.
     */
    private static final String ALERT_AFTER = "30s";
    private static final Duration ALERTING = Duration.ofMinutes(3);
    /**
     * A new PrometheusRule reaches Prometheus through a ConfigMap volume, which the kubelet refreshes about once a
     * minute, and the config reloader's next look: a minute or two.
     */
    private static final Duration RULES_LOADED = Duration.ofMinutes(3);
    private static KubernetesClient client;
    private static String namespace;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        SharedOperator.get();
        ThirdPartyCrds.removeMonitoring();
        namespace = TestCluster.createNamespace(client, "watched");
    }

    @AfterAll
    static void tearDown() throws Exception {
        ThirdPartyCrds.removeMonitoring();
        TestCluster.tearDown(client, namespace);
    }

    @Test
    @Order(1)
    void withoutThePrometheusOperatorTheShopSaysItIsNotMonitored() {
        apply(false);
        Shops.awaitReady(client, namespace, SHOP, READY);
        Shops.awaitCondition(client, namespace, SHOP, "Monitored", "False", "PrometheusOperatorNotInstalled", Duration.ofMinutes(1));
    }

    @Test
    @Order(2)
    void onceItIsInstalledEveryServiceIsScrapedAndTheAlertsAreLoaded() throws Exception {
        long installed = System.nanoTime();
        ThirdPartyCrds.installMonitoring();
        long monitoringUp = System.nanoTime();
        Shops.awaitCondition(client, namespace, SHOP, "Monitored", "True", "PodMonitorAndAlerts", Duration.ofMinutes(2));
        long monitored = System.nanoTime();
        assertThat(client.resources(PodMonitor.class).inNamespace(namespace).withName(SHOP + "-services").get()).isNotNull();
        assertThat(client.resources(PrometheusRule.class).inNamespace(namespace).withName(SHOP + "-alerts").get()).isNotNull();
        Prometheus prometheus = Prometheus.of(client);
        Set<String> services = Arrays.stream(ShopService.values()).map(ShopService::id).collect(Collectors.toSet());
        Poll.until("every service of the shop up in Prometheus", Duration.ofMinutes(3),
                () -> upServices(prometheus).equals(services), () -> "up: " + prometheus.query(up()));
        System.out.printf("monitoring: cluster monitoring up %.0f s, then shop Monitored after %.0f s, every service "
                + "scraped after %.0f s%n", (monitoringUp - installed) / 1e9, (monitored - monitoringUp) / 1e9,
                (System.nanoTime() - monitored) / 1e9);
        assertThat(prometheus.query("shop_database_up{namespace=\"" + namespace + "\", shop=\"" + SHOP + "\"}"))
                .as("each database answers").hasSize(7).allSatisfy(s -> assertThat(s.value()).isEqualTo(1.0));
        Poll.until("the shop's alerts loaded and evaluated", RULES_LOADED,
                () -> !group(prometheus).isEmpty() && group(prometheus).values().stream().allMatch("ok"::equals),
                () -> "rules: " + group(prometheus));
        assertThat(group(prometheus)).containsKeys("ShopServiceDown", "ShopDatabaseDown", "ShopCheckoutErrors",
                "ShopCheckoutSlow", "ShopOrdersStuck", "ShopDeadLetters", "ShopEventBacklog", "ShopEmailBacklog", "ShopCalleeErrors");
        assertThat(firing(prometheus)).as(() -> "a healthy shop pages nobody; failed scrapes in the last 10 min: "
                + prometheus.query(failedScrapes()) + ", targets failing now: " + prometheus.failedTargets(namespace))
                .isEmpty();
    }

    @Test
    @Order(3)
    void idleResyncsOfAMonitoredShopWriteNothing() {
        OperatorProcess operator = SharedOperator.get();
        Instant since = Instant.now();
        // The test operator resyncs every 10 s: three resyncs re-apply the PodMonitor and PrometheusRule three times.
        operator.awaitResyncs(client, 3, Duration.ofMinutes(4));
        assertThat(AuditLog.writesBy(OperatorProcess.USER, namespace, since)).as("writes by the operator while idle").isEmpty();
    }

    @Test
    @Order(4)
    void theDatabaseAlertFiresWhileThePaymentsDatabaseIsDownAndResolvesOnceItIsBack() {
        Prometheus prometheus = Prometheus.of(client);
        apply(true); // paused: the operator leaves the database stopped for as long as the test needs
        Poll.until("the operator to see the shop paused", Duration.ofMinutes(1),
                () -> Shops.observedGeneration(client, namespace, SHOP) == Shops.generation(client, namespace, SHOP));
        client.apps().statefulSets().inNamespace(namespace).withName(SHOP + "-payments-db").scale(0);
        long stopped = System.nanoTime();
        Poll.until("ShopDatabaseDown firing for payments", ALERTING,
                () -> prometheus.alerts().stream().anyMatch(a -> isOurs(a) && a.name().equals("ShopDatabaseDown")
                        && "payments".equals(a.labels().get("service")) && a.state().equals("firing")),
                () -> "alerts: " + prometheus.alerts());
        long fired = System.nanoTime();
        List<Prometheus.Alert> ours = prometheus.alerts().stream().filter(MonitoringIT::isOurs).toList();
        assertThat(ours).as("only payments' database, and its pods still scraped").allSatisfy(a -> {
            assertThat(a.name()).isNotEqualTo("ShopServiceDown");
            if (a.name().equals("ShopDatabaseDown")) {
                assertThat(a.labels()).containsEntry("service", "payments");
            }
        });
        assertThat(ours).filteredOn(a -> a.name().equals("ShopDatabaseDown")).singleElement()
                .satisfies(a -> assertThat(a.labels()).containsEntry("severity", "critical"))
                .satisfies(a -> assertThat(a.description()).contains(SHOP + "-payments-db-0"));

        apply(false);
        long restarted = System.nanoTime();
        Poll.until("ShopDatabaseDown resolved once the database is back", ALERTING,
                () -> prometheus.alerts().stream().noneMatch(a -> isOurs(a) && a.name().equals("ShopDatabaseDown")),
                () -> "alerts: " + prometheus.alerts());
        System.out.printf("monitoring: ShopDatabaseDown firing %.0f s after the database stopped (for: %s), resolved "
                + "%.0f s after the shop was resumed%n", (fired - stopped) / 1e9, ALERT_AFTER, (System.nanoTime() - restarted) / 1e9);
        Shops.awaitReady(client, namespace, SHOP, READY);
    }

    @Test
    @Order(5)
    void theOperatorsAlertsAndDashboardReadWhatARunningOperatorExportsAndPrometheusLoadsThem() throws Exception {
        Set<String> exported = new TreeSet<>(SharedOperator.get().metricNames());
        exported.add("up");
        Path deploy = OperatorProcess.REPO.resolve("operator/deploy");
        List<String> expressions = new ArrayList<>(PromQl.dashboardExpressions(deploy.resolve("dashboards/shopfleet-operator.json")));
        List<HasMetadata> objects = client.load(Files.newInputStream(deploy.resolve("monitoring.yaml"))).items();
        PrometheusRule rules = objects.stream().filter(PrometheusRule.class::isInstance).map(PrometheusRule.class::cast)
                .findFirst().orElseThrow();
        rules.getSpec().getGroups().forEach(g -> g.getRules().forEach(r -> expressions.add(r.getExpr().getStrVal())));
        assertThat(expressions).hasSizeGreaterThan(10).allSatisfy(e -> assertThat(PromQl.metricNames(e)).as(e)
                .isNotEmpty().isSubsetOf(exported));

        client.resourceList(objects).inNamespace(OperatorProcess.NAMESPACE).serverSideApply();
        Prometheus prometheus = Prometheus.of(client);
        Poll.until("the operator's alerts loaded and evaluated", RULES_LOADED,
                () -> prometheus.ruleHealth("shopfleet.operator").size() == 5
                        && prometheus.ruleHealth("shopfleet.operator").values().stream().allMatch("ok"::equals),
                () -> "rules: " + prometheus.ruleHealth("shopfleet.operator"));
    }

    private static void apply(boolean paused) {
        Shops.apply(client, namespace, """
                apiVersion: shopfleet.dev/v1alpha1
                kind: ShopPlatform
                metadata: {name: %s}
                spec:
                  images: {registry: "%s", tag: "%s"}
                  mesh: {mode: networkpolicy, monitoringNamespace: %s}
                  monitoring: {alertAfter: %s}
                  paused: %s
                """.formatted(SHOP, TestImages.shopImagesRegistry(), TestImages.shopImagesTag(),
                ThirdPartyCrds.MONITORING_NAMESPACE, ALERT_AFTER, paused));
    }

    private static String up() {
        return "up{namespace=\"" + namespace + "\", shop=\"" + SHOP + "\"}";
    }

    /** Per service, how many of its scrapes failed lately. */
    private static String failedScrapes() {
        return "sum by (service) (count_over_time(" + up() + "[10m]) - sum_over_time(" + up() + "[10m]))";
    }

    private static Set<String> upServices(Prometheus prometheus) {
        return prometheus.query(up()).stream().filter(s -> s.value() == 1.0).map(s -> s.labels().get("service"))
                .collect(Collectors.toSet());
    }

    private static java.util.Map<String, String> group(Prometheus prometheus) {
        return prometheus.ruleHealth("shopfleet." + namespace + "." + SHOP);
    }

    private static List<Prometheus.Alert> firing(Prometheus prometheus) {
        return prometheus.alerts().stream().filter(a -> isOurs(a) && a.state().equals("firing")).toList();
    }

    private static boolean isOurs(Prometheus.Alert alert) {
        return namespace.equals(alert.labels().get("namespace")) && SHOP.equals(alert.labels().get("shop"));
    }
}
