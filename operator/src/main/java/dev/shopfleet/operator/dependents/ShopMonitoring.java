package dev.shopfleet.operator.dependents;

import dev.shopfleet.contract.OrderOutcome;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopMetric;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.operator.api.MonitoringSpec;
import dev.shopfleet.operator.api.MeshMode;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitorBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfig;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfigBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shop's monitoring in the Prometheus Operator's terms: one PodMonitor for the services' pods (each series labelled
 * with its service and shop) and one PrometheusRule with the alerts an SRE pages or tickets on, each saying what to
 * check. Built from the shop alone; rules read only the contract's {@link ShopMetric}s (and Prometheus' own {@code up}).
 * Made only where Prometheus can reach the pods: mesh mode none, or a monitoring namespace the traffic policy admits.
 */
public final class ShopMonitoring {
    public static final String SEVERITY_PAGE = "critical";
    public static final String SEVERITY_TICKET = "warning";
    /** Above this many waiting events or e-mails, the consumer has fallen behind rather than being briefly slow. */
    static final int BACKLOG_LIMIT = 100;
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+)(ms|d|h|m|s)");

    private ShopMonitoring() {
    }

    /** Whether Prometheus can scrape the shop's pods through its traffic policy. */
    public static boolean reachable(Shop shop) {
        return shop.meshMode() == MeshMode.none || shop.monitoringNamespace().isPresent();
    }

    public static String podMonitorName(Shop shop) {
        return shop.name() + "-services";
    }

    public static String ruleName(Shop shop) {
        return shop.name() + "-alerts";
    }

    public static List<PodMonitor> podMonitors(Shop shop) {
        if (!reachable(shop)) {
            return List.of();
        }
        return List.of(new PodMonitorBuilder()
                .withMetadata(ShopBulkDependent.metadata(shop, podMonitorName(shop), shop.shopLabels()))
                .withNewSpec()
                .withNewSelector().withMatchLabels(Map.of(Shop.LABEL_SHOP, shop.name(),
                        Shop.LABEL_COMPONENT, Shop.Component.service.name())).endSelector()
                .addNewPodMetricsEndpoint()
                .withPort("http").withPath(ShopContract.METRICS_PATH)
                .withRelabelings(copyPodLabel(Shop.LABEL_NAME, ShopMetric.SERVICE_LABEL),
                        copyPodLabel(Shop.LABEL_SHOP, ShopMetric.SHOP_LABEL))
                .endPodMetricsEndpoint()
                .endSpec()
                .build());
    }

    public static List<PrometheusRule> prometheusRules(Shop shop) {
        if (!reachable(shop)) {
            return List.of();
        }
        return List.of(new PrometheusRuleBuilder()
                .withMetadata(ShopBulkDependent.metadata(shop, ruleName(shop), shop.shopLabels()))
                .withNewSpec()
                .addNewGroup().withName("shopfleet." + shop.namespace() + "." + shop.name()).withRules(alerts(shop)).endGroup()
                .endSpec()
                .build());
    }

    /** The shop's alerts: those of every enabled service, then those of orders and notifications if enabled. */
    public static List<Rule> alerts(Shop shop) {
        MonitoringSpec levels = levels(shop);
        String shopSelector = "namespace=\"" + shop.namespace() + "\", " + ShopMetric.SHOP_LABEL + "=\"" + shop.name() + "\"";
        Alerts alerts = new Alerts(shop, levels.getAlertAfter());
        for (ShopService service : shop.enabledServices()) {
            String up = "up{" + shopSelector + ", " + ShopMetric.SERVICE_LABEL + "=\"" + service.id() + "\"}";
            alerts.add("ShopServiceDown", SEVERITY_PAGE, service,
                    "max by (namespace, shop, service) (" + up + ") == 0 or absent(" + up + ")",
                    "No pod of " + service.id() + " answers Prometheus",
                    "No pod of " + service.id() + " in shop " + shop.name() + " has answered a scrape. Check the shop's "
                            + "status (kubectl get shopplatform " + shop.name() + " -n " + shop.namespace() + "), the pods' "
                            + "events and logs (label app.kubernetes.io/name=" + service.id() + "), and the NetworkPolicy "
                            + "that admits the monitoring namespace.");
        }
        alerts.add("ShopDatabaseDown", SEVERITY_PAGE, null,
                "min by (namespace, shop, service) (" + ShopMetric.DATABASE_UP.prometheusName() + "{" + shopSelector + "}) == 0",
                "The database of {{ $labels.service }} does not answer",
                "{{ $labels.service }} cannot reach its PostgreSQL: its pods are not ready and what needs it fails. Check "
                        + "the database's pod (" + shop.name() + "-{{ $labels.service }}-db-0) and its volume, or the "
                        + "external database's host and credentials in the shop's status.");
        alerts.add("ShopCalleeErrors", SEVERITY_TICKET, null, calleeErrorRatio(shopSelector) + " > 0.05",
                "{{ $labels.service }}'s calls to {{ $labels.callee }} fail",
                "More than 5% of {{ $labels.service }}'s calls to {{ $labels.callee }} ended in a 5xx or no answer over "
                        + "5 minutes (now {{ $value | humanizePercentage }}). Its breaker keeps shoppers' requests quick; "
                        + "check {{ $labels.callee }}'s pods and database.");
        if (shop.isEnabled(ShopService.ORDERS)) {
            ordersAlerts(alerts, levels, shopSelector);
        }
        if (shop.isEnabled(ShopService.NOTIFICATIONS)) {
            alerts.add("ShopEmailBacklog", SEVERITY_TICKET, ShopService.NOTIFICATIONS,
                    "min by (namespace, shop) (" + ShopMetric.NOTIFICATIONS_PENDING.prometheusName() + "{" + shopSelector
                            + "}) > " + BACKLOG_LIMIT,
                    "E-mails are not going out",
                    "{{ $value }} e-mails wait to be sent. Check the SMTP server that spec.services.notifications.env names "
                            + "and notifications' logs: sending is retried with backoff, nothing is lost.");
            eventsGivenUp(alerts, "ShopEventsGivenUp", ShopService.NOTIFICATIONS, ShopMetric.NOTIFICATIONS_DEAD_LETTERED,
                    ShopTopic.NOTIFICATIONS_DEAD_LETTERS, "taken by notifications", shopSelector);
        }
        if (shop.isEnabled(ShopService.CATALOG)) {
            eventsGivenUp(alerts, "ShopSalesEventsGivenUp", ShopService.CATALOG, ShopMetric.CATALOG_EVENTS_DEAD_LETTERED,
                    ShopTopic.CATALOG_DEAD_LETTERS, "counted in catalog's best sellers", shopSelector);
        }
        return alerts.rules();
    }

    private static void ordersAlerts(Alerts alerts, MonitoringSpec levels, String shopSelector) {
        String finished = ShopMetric.ORDERS_FINISHED.prometheusName();
        alerts.add("ShopCheckoutErrors", SEVERITY_PAGE, ShopService.ORDERS,
                "sum by (namespace, shop) (rate(" + finished + "{" + shopSelector + ", " + ShopMetric.STATE_LABEL + "=\""
                        + OrderOutcome.FAILED + "\"}[5m])) / sum by (namespace, shop) (rate(" + finished + "{" + shopSelector
                        + "}[5m])) * 100 > " + levels.getCheckoutErrorPercent(),
                "Checkouts fail",
                "{{ $value | humanize }}% of orders over 5 minutes failed for the shop's own reasons (not a declined card, "
                        + "not stock), above " + levels.getCheckoutErrorPercent() + "%. Every failed order was compensated "
                        + "(stock released, payment voided); ShopCalleeErrors and ShopDatabaseDown say which part fails.");
        alerts.add("ShopCheckoutSlow", SEVERITY_TICKET, ShopService.ORDERS,
                "histogram_quantile(0.99, sum by (namespace, shop, le) (rate("
                        + ShopMetric.ORDERS_SAGA_DURATION_BUCKET.prometheusName() + "{" + shopSelector + "}[5m]))) > "
                        + seconds(levels.getCheckoutLatencyP99()),
                "Checkouts are slow",
                "The 99th percentile of checkout time is {{ $value | humanizeDuration }}, above "
                        + levels.getCheckoutLatencyP99() + ". The callee histogram of orders shows which step takes it.");
        alerts.add("ShopOrdersStuck", SEVERITY_PAGE, ShopService.ORDERS,
                "max by (namespace, shop) (" + ShopMetric.ORDERS_SAGA_OLDEST_OPEN.prometheusName() + "{" + shopSelector
                        + "}) > " + seconds(levels.getOrderStuckAfter()),
                "An order has been under way for too long",
                "The oldest unfinished order has waited {{ $value | humanizeDuration }} (more than "
                        + levels.getOrderStuckAfter() + "). Its saga retries its step; orders' logs name the order and "
                        + "what it waits for (usually payments or inventory).");
        alerts.add("ShopDeadLetters", SEVERITY_TICKET, ShopService.ORDERS,
                "max by (namespace, shop) (" + ShopMetric.ORDERS_SAGA_DEAD_LETTERED.prometheusName() + "{" + shopSelector
                        + "} + " + ShopMetric.ORDERS_OUTBOX_DEAD_LETTERED.prometheusName() + "{" + shopSelector + "}) > 0",
                "Orders or events were set aside",
                "{{ $value }} orders or events were given up after all their attempts and wait for a person in orders' "
                        + "saga_dead_letter and outbox_dead_letter tables (README, \"Dead letters\"); the shop's status "
                        + "counts them too.");
        alerts.add("ShopEventBacklog", SEVERITY_TICKET, ShopService.ORDERS,
                "min by (namespace, shop) (" + ShopMetric.ORDERS_OUTBOX_BACKLOG.prometheusName() + "{" + shopSelector
                        + "}) > " + BACKLOG_LIMIT,
                "Order events are not delivered",
                "{{ $value }} events wait in orders' outbox: the shop's broker (or, without one, notifications) does not "
                        + "take them. They are delivered in order once it does; check the shop's status (messaging) and "
                        + "the broker's or notifications' pods.");
    }

    /** Per caller and callee, the share of calls that ended in a 5xx or without an answer over 5 minutes. */
    static String calleeErrorRatio(String shopSelector) {
        String calls = ShopMetric.CALLEE_REQUESTS_BUCKET.prometheusName() + "{" + shopSelector + ", le=\"+Inf\"";
        String by = "sum by (namespace, shop, service, callee) ";
        return by + "(rate(" + calls + ", " + ShopMetric.OUTCOME_LABEL + "=~\"5xx|error\"}[5m])) / " + by
                + "(rate(" + calls + "}[5m]))";
    }

    /** The shop's service levels, its own or the defaults. */
    public static MonitoringSpec levels(Shop shop) {
        MonitoringSpec levels = shop.spec().getMonitoring();
        return levels != null ? levels : new MonitoringSpec();
    }

    /** A Prometheus duration (as the CRD admits it: 1h30m, 10s, 500ms) in seconds. */
    static double seconds(String duration) {
        Matcher m = DURATION_PART.matcher(duration);
        double seconds = 0;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            seconds += switch (m.group(2)) {
                case "ms" -> n / 1000.0;
                case "s" -> n;
                case "m" -> n * 60;
                case "h" -> n * 3600;
                default -> n * 86400;
            };
        }
        return seconds;
    }

    /**
     * A pod's label as a label of its series. The action is the CRD's default, written out: a default the API server
     * fills in would differ from what is applied at every resync, and each would write the PodMonitor again.
     */
    private static RelabelConfig copyPodLabel(String podLabel, String seriesLabel) {
        return new RelabelConfigBuilder().withAction("replace")
                .withSourceLabels("__meta_kubernetes_pod_label_" + podLabel.replaceAll("[^a-zA-Z0-9_]", "_"))
                .withTargetLabel(seriesLabel).build();
    }

    /** The rules being made: each alert with its severity, its service if it is one's, and the shop's delay. */
    /** A consumer of order events gave some up to its dead-letter topic (counted by {@code counter}). */
    private static void eventsGivenUp(Alerts alerts, String alert, ShopService consumer, ShopMetric counter,
            ShopTopic deadLetters, String notWhat, String shopSelector) {
        alerts.add(alert, SEVERITY_TICKET, consumer,
                "sum by (namespace, shop) (increase(" + counter.prometheusName() + "{" + shopSelector + "}[1h])) > 0",
                "Order events were given up by " + consumer.id(),
                "{{ $value }} order events could not be " + notWhat + " in the last hour (unreadable, or refused for half "
                        + "an hour) and wait in the broker's " + deadLetters.topicName() + " topic; " + consumer.id()
                        + "'s logs say why. Replay them once the cause is fixed (README, \"Dead letters\").");
    }

    private record Alerts(Shop shop, String alertAfter, List<Rule> rules) {
        Alerts(Shop shop, String alertAfter) {
            this(shop, alertAfter, new ArrayList<>());
        }

        void add(String alert, String severity, ShopService service, String expr, String summary, String description) {
            Map<String, String> labels = new TreeMap<>(Map.of("severity", severity));
            if (service != null) {
                labels.put(ShopMetric.SERVICE_LABEL, service.id());
            }
            rules.add(new RuleBuilder().withAlert(alert).withExpr(new IntOrString(expr)).withFor(alertAfter)
                    .withLabels(labels)
                    .withAnnotations(new TreeMap<>(Map.of("summary", summary + " (shop " + shop.name() + ")",
                            "description", description)))
                    .build());
        }
    }
}
