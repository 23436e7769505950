package dev.shopfleet.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopMetric;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.MeshMode;
import dev.shopfleet.operator.shop.Capabilities;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.TestShops;
import dev.shopfleet.testkit.PromQl;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A shop's monitoring: what its rules read exists in the contract, and each service and level has its alert. */
class ShopMonitoringTest {
    private static final Capabilities WITH_PROMETHEUS_OPERATOR = Capabilities.NONE.withPrometheusOperator(true);
    /** Prometheus' own series for every target; everything else a rule reads must be the services'. */
    private static final Set<String> READABLE = Arrays.stream(ShopMetric.values()).map(ShopMetric::prometheusName)
            .collect(Collectors.toCollection(() -> new java.util.TreeSet<>(Set.of("up"))));

    @Test
    void everyRuleReadsOnlyMetricsTheServicesExport() {
        Random random = new Random(20261130);
        for (int i = 0; i < 200; i++) {
            Set<ShopService> disabled = randomDisabled(random);
            Shop shop = monitored(disabled);
            List<Rule> alerts = ShopMonitoring.alerts(shop);
            for (Rule alert : alerts) {
                Set<String> read = PromQl.metricNames(alert.getExpr().getStrVal());
                assertThat(read).as(alert.getAlert() + ": " + alert.getExpr().getStrVal()).isNotEmpty().isSubsetOf(READABLE);
                assertThat(read).as("each metric read is exported by a service the shop runs").allSatisfy(name ->
                        assertThat(name.equals("up") || shop.enabledServices().stream().anyMatch(s -> exports(s, name))).isTrue());
                assertThat(alert.getExpr().getStrVal()).as("confined to the shop")
                        .contains("namespace=\"shops\"").contains("shop=\"demo\"");
            }
        }
    }

    @Test
    void theShopDashboardReadsOnlyMetricsTheServicesExport() throws Exception {
        List<String> queries = PromQl.dashboardExpressions(Path.of("deploy/dashboards/shopfleet-shop.json"));
        assertThat(queries).hasSizeGreaterThan(8).allSatisfy(q ->
                assertThat(PromQl.metricNames(q)).as(q).isNotEmpty().isSubsetOf(READABLE));
        assertThat(queries.stream().flatMap(q -> PromQl.metricNames(q).stream()).collect(Collectors.toSet()))
                .as("every metric of the contract has a panel").containsAll(READABLE);
    }

    @Test
    void everyEnabledServiceHasADownAlertAndOrdersHasTheCheckoutAlerts() {
        Shop all = monitored(EnumSet.noneOf(ShopService.class));
        assertThat(ShopMonitoring.alerts(all).stream().filter(a -> a.getAlert().equals("ShopServiceDown"))
                .map(a -> a.getLabels().get(ShopMetric.SERVICE_LABEL)))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ShopService.values()).map(ShopService::id).toList());
        assertThat(names(all)).contains("ShopDatabaseDown", "ShopCheckoutErrors", "ShopCheckoutSlow", "ShopOrdersStuck",
                "ShopDeadLetters", "ShopEventBacklog", "ShopEmailBacklog", "ShopCalleeErrors", "ShopEventsGivenUp",
                "ShopSalesEventsGivenUp");
        Shop withoutOrders = monitored(EnumSet.of(ShopService.ORDERS, ShopService.NOTIFICATIONS));
        assertThat(names(withoutOrders)).doesNotContain("ShopCheckoutErrors", "ShopOrdersStuck", "ShopEmailBacklog");
    }

    @Test
    void theShopsLevelsAreTheAlertsThresholds() {
        Shop shop = TestShops.shop(r -> {
            r.getSpec().getMesh().setMonitoringNamespace("monitoring");
            r.getSpec().getMonitoring().setAlertAfter("1h30s");
            r.getSpec().getMonitoring().setCheckoutErrorPercent(12);
            r.getSpec().getMonitoring().setCheckoutLatencyP99("2s500ms");
            r.getSpec().getMonitoring().setOrderStuckAfter("1d2h");
        }, WITH_PROMETHEUS_OPERATOR);
        List<Rule> alerts = ShopMonitoring.alerts(shop);
        assertThat(alerts).allSatisfy(a -> assertThat(a.getFor()).isEqualTo("1h30s"));
        assertThat(expr(alerts, "ShopCheckoutErrors")).endsWith("* 100 > 12");
        assertThat(expr(alerts, "ShopCheckoutSlow")).endsWith("> 2.5");
        assertThat(expr(alerts, "ShopOrdersStuck")).endsWith("> 93600.0");
    }

    @Test
    void durationsInPrometheusSyntaxBecomeSeconds() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            long[] parts = {random.nextInt(3), random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1000)};
            String[] units = {"d", "h", "m", "s", "ms"};
            StringBuilder text = new StringBuilder();
            for (int p = 0; p < parts.length; p++) {
                if (parts[p] > 0 || (p == 3 && text.isEmpty())) {
                    text.append(parts[p]).append(units[p]);
                }
            }
            double expected = parts[0] * 86400 + parts[1] * 3600 + parts[2] * 60 + parts[3] + parts[4] / 1000.0;
            assertThat(ShopMonitoring.seconds(text.toString())).as(text.toString()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void nothingIsMadeWherePrometheusCannotReachThePods() {
        Shop unreachable = TestShops.shop(r -> { }, WITH_PROMETHEUS_OPERATOR);
        assertThat(ShopMonitoring.podMonitors(unreachable)).isEmpty();
        assertThat(ShopMonitoring.prometheusRules(unreachable)).isEmpty();
        Shop open = TestShops.shop(r -> r.getSpec().getMesh().setMode(MeshMode.none), WITH_PROMETHEUS_OPERATOR);
        assertThat(ShopMonitoring.podMonitors(open)).hasSize(1);
        var monitor = ShopMonitoring.podMonitors(monitored(EnumSet.noneOf(ShopService.class))).get(0);
        assertThat(monitor.getSpec().getSelector().getMatchLabels()).containsEntry(Shop.LABEL_SHOP, "demo")
                .containsEntry(Shop.LABEL_COMPONENT, "service");
        assertThat(monitor.getSpec().getPodMetricsEndpoints().get(0).getRelabelings())
                .extracting(c -> c.getTargetLabel()).containsExactly(ShopMetric.SERVICE_LABEL, ShopMetric.SHOP_LABEL);
    }

    @Test
    void theMetricNameReaderFindsWhatAnExpressionReads() {
        assertThat(PromQl.metricNames("sum by (le, service) (rate(a_b_bucket{x=\"y{z}\", le=\"+Inf\"}[5m])) / on(pod) "
                + "max(c_total) > 0 or absent(up{job=\"j\"}) unless d offset 5m"))
                .containsExactlyInAnyOrder("a_b_bucket", "c_total", "up", "d");
    }

    private static boolean exports(ShopService service, String name) {
        return Arrays.stream(ShopMetric.values()).anyMatch(m -> m.prometheusName().equals(name) && m.exportedBy(service));
    }

    private static Shop monitored(Set<ShopService> disabled) {
        return TestShops.shop(r -> {
            r.getSpec().getMesh().setMonitoringNamespace("monitoring");
            disabled.forEach(s -> r.getSpec().getServices().get(s).setEnabled(false));
        }, WITH_PROMETHEUS_OPERATOR);
    }

    // Any subset the CRD admits: catalog always (the storefront and cart need it), orders only with what it requires.
    private static Set<ShopService> randomDisabled(Random random) {
        Set<ShopService> disabled = EnumSet.noneOf(ShopService.class);
        for (ShopService s : ShopService.values()) {
            if (s != ShopService.CATALOG && random.nextInt(3) == 0) {
                disabled.add(s);
            }
        }
        if (disabled.contains(ShopService.USERS) || disabled.contains(ShopService.CART) || disabled.contains(ShopService.INVENTORY)
                || disabled.contains(ShopService.PAYMENTS)) {
            disabled.add(ShopService.ORDERS);
        }
        return disabled;
    }

    private static List<String> names(Shop shop) {
        return ShopMonitoring.alerts(shop).stream().map(Rule::getAlert).toList();
    }

    private static String expr(List<Rule> alerts, String alert) {
        return alerts.stream().filter(a -> a.getAlert().equals(alert)).findFirst().orElseThrow().getExpr().getStrVal();
    }
}
