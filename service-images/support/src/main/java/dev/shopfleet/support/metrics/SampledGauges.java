package dev.shopfleet.support.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges whose value takes a query: sampled in the background every few seconds, read from memory by a scrape. A scrape
 * that ran the queries itself would wait on a database that is down (the pool's connection timeout, for each gauge) and
 * fail as a whole, taking the service's other metrics with it. A sample that fails reads NaN (unknown) until one succeeds.
 */
@Singleton
public class SampledGauges {
    private static final Logger LOG = LoggerFactory.getLogger(SampledGauges.class);
    private final MeterRegistry meters;
    private final List<Sampled> gauges = new CopyOnWriteArrayList<>();

    SampledGauges(MeterRegistry meters) {
        this.meters = meters;
    }

    private record Sampled(String name, Supplier<? extends Number> sample, AtomicReference<Double> value, AtomicBoolean failing) {
    }

    /** Registers the gauge at once (NaN until its first sample) and samples it from then on. */
    public void register(String name, String description, String baseUnit, Supplier<? extends Number> sample) {
        Sampled gauge = new Sampled(name, sample, new AtomicReference<>(Double.NaN), new AtomicBoolean());
        Gauge.builder(name, gauge.value(), AtomicReference::get).description(description).baseUnit(baseUnit).register(meters);
        gauges.add(gauge);
        take(gauge);
    }

    @Scheduled(fixedDelay = "${shop.metrics.sample-interval:5s}", initialDelay = "${shop.metrics.sample-interval:5s}")
    void sample() {
        gauges.forEach(SampledGauges::take);
    }

    private static void take(Sampled gauge) {
        try {
            gauge.value().set(gauge.sample().get().doubleValue());
            if (gauge.failing().getAndSet(false)) {
                LOG.info("gauge {} is sampled again", gauge.name());
            }
        } catch (RuntimeException e) {
            gauge.value().set(Double.NaN);
            if (!gauge.failing().getAndSet(true)) { // once per outage, not every few seconds
                LOG.warn("gauge {} cannot be sampled, it reads NaN until it can: {}", gauge.name(), e.toString());
            }
        }
    }
}
