package dev.shopfleet.orders;

import dev.shopfleet.contract.OrderOutcome;
import dev.shopfleet.contract.ShopMetric;
import dev.shopfleet.orders.Repositories.OrderRepository;
import dev.shopfleet.orders.Repositories.OutboxRepository;
import dev.shopfleet.support.metrics.SampledGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What orders tells SREs (the contract's {@link ShopMetric}s of orders): every end of an order counted from the start,
 * the saga's duration as a histogram, and from its tables, sampled: the outbox's backlog, the dead letters, and how long
 * the oldest unfinished order has waited.
 */
@Singleton
public class OrderMetrics {
    private final Map<OrderOutcome, Counter> finished = new EnumMap<>(OrderOutcome.class);
    private final Timer sagaDuration;

    OrderMetrics(MeterRegistry meters, SampledGauges gauges, OrderRepository orders, OutboxRepository outbox) {
        for (OrderOutcome outcome : OrderOutcome.values()) {
            finished.put(outcome, Counter.builder(ShopMetric.ORDERS_FINISHED.micrometerName())
                    .description("Orders that reached an end, by how they ended")
                    .tag(ShopMetric.STATE_LABEL, outcome.name()).register(meters));
        }
        sagaDuration = Timer.builder(ShopMetric.ORDERS_SAGA_DURATION_BUCKET.micrometerName())
                .description("From checkout to the order's end")
                .serviceLevelObjectives(ShopMetric.BUCKETS.toArray(Duration[]::new))
                .register(meters);
        gauges.register(ShopMetric.ORDERS_OUTBOX_BACKLOG.micrometerName(), "Events written, not yet delivered", null,
                outbox::backlog);
        gauges.register(ShopMetric.ORDERS_OUTBOX_DEAD_LETTERED.micrometerName(), "Events given up, kept in outbox_dead_letter",
                null, outbox::deadLettered);
        gauges.register(ShopMetric.ORDERS_SAGA_DEAD_LETTERED.micrometerName(), "Orders set aside, kept in saga_dead_letter",
                null, orders::deadLettered);
        gauges.register(ShopMetric.ORDERS_SAGA_OLDEST_OPEN.micrometerName(),
                "How long the oldest order under way (not set aside) has been waiting for its end", "seconds",
                orders::oldestOpenSeconds);
    }

    void finished(OrderOutcome outcome, Duration took) {
        finished.get(outcome).increment();
        sagaDuration.record(took);
    }
}
