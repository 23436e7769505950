package dev.shopfleet.contract;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The metrics the operator's alert rules and dashboards read, by their name on {@link ShopContract#METRICS_PATH}
 * (Prometheus' exposition: Micrometer's dots become underscores, counters end in {@code _total}, timers in
 * {@code _seconds_*}), and which services export them. Every one is registered when its service starts, so a rule
 * never waits on a series that appears only after the first failure. Each label has a bounded set of values.
 * The services' test proves each is exported; the operator's test proves its rules read nothing else.
 */
public enum ShopMetric {
    /** 1 while the service's own database answers, 0 while it does not (sampled every few seconds). */
    DATABASE_UP("shop_database_up", "shop.database.up", ShopService::ownsDatabase),
    /** Orders that reached an end, by {@code state} (an {@link OrderOutcome}). */
    ORDERS_FINISHED("orders_finished_total", "orders.finished", ShopService.ORDERS),
    /** From checkout to an order's end, a histogram with fixed buckets (what a checkout p99 is computed from). */
    ORDERS_SAGA_DURATION_BUCKET("orders_saga_duration_seconds_bucket", "orders.saga.duration", ShopService.ORDERS),
    /** How long the oldest order still under way has been so (0 when none is): a stuck saga. */
    ORDERS_SAGA_OLDEST_OPEN("orders_saga_oldest_open_seconds", "orders.saga.oldest.open", ShopService.ORDERS),
    /** Orders whose saga was given up after all its attempts, awaiting a person. */
    ORDERS_SAGA_DEAD_LETTERED("orders_saga_dead_lettered", "orders.saga.dead.lettered", ShopService.ORDERS),
    /** Events written but not yet delivered. */
    ORDERS_OUTBOX_BACKLOG("orders_outbox_backlog", "orders.outbox.backlog", ShopService.ORDERS),
    /** Events given up after all their attempts, awaiting a person. */
    ORDERS_OUTBOX_DEAD_LETTERED("orders_outbox_dead_lettered", "orders.outbox.dead.lettered", ShopService.ORDERS),
    /** E-mails not yet sent. */
    NOTIFICATIONS_PENDING("notifications_pending", "notifications.pending", ShopService.NOTIFICATIONS),
    /** Order events notifications could not take, given up to its dead-letter topic (ShopTopic). */
    NOTIFICATIONS_DEAD_LETTERED("notifications_events_dead_lettered_total", "notifications.events.dead.lettered",
            ShopService.NOTIFICATIONS),
    /** Order events catalog could not count, given up to its dead-letter topic (ShopTopic): its best sellers miss them. */
    CATALOG_EVENTS_DEAD_LETTERED("catalog_events_dead_lettered_total", "catalog.events.dead.lettered", ShopService.CATALOG),
    /** Calls to another service of the shop, by callee ({@code callee}: its id) and {@code outcome}; a histogram. */
    CALLEE_REQUESTS_BUCKET("shop_callee_requests_seconds_bucket", "shop.callee.requests", s -> !s.calls().isEmpty());

    /** The label every pod's series gets from the shop's PodMonitor: which service it is. */
    public static final String SERVICE_LABEL = "service";
    /** The label every pod's series gets from the shop's PodMonitor: which shop (the ShopPlatform's name). */
    public static final String SHOP_LABEL = "shop";
    /** Labels of {@link #CALLEE_REQUESTS_BUCKET}. */
    public static final String CALLEE_LABEL = "callee";
    public static final String OUTCOME_LABEL = "outcome";
    /** Label of {@link #ORDERS_FINISHED}. */
    public static final String STATE_LABEL = "state";
    /**
     * The buckets of the histograms above: what a checkout or a call can be told apart by, and few enough that a shop's
     * series stay bounded.
     */
    public static final List<Duration> BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000)
            .map(Duration::ofMillis).toList();

    private final String prometheusName;
    private final String micrometerName;
    private final Predicate<ShopService> exportedBy;

    ShopMetric(String prometheusName, String micrometerName, Predicate<ShopService> exportedBy) {
        this.prometheusName = prometheusName;
        this.micrometerName = micrometerName;
        this.exportedBy = exportedBy;
    }

    ShopMetric(String prometheusName, String micrometerName, ShopService only) {
        this(prometheusName, micrometerName, s -> s == only);
    }

    /** The series' name as Prometheus stores it, as rules and dashboards write it. */
    public String prometheusName() {
        return prometheusName;
    }

    /** The meter's name as the service registers it. */
    public String micrometerName() {
        return micrometerName;
    }

    public boolean exportedBy(ShopService service) {
        return exportedBy.test(service);
    }
}
