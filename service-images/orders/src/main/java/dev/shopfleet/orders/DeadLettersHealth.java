package dev.shopfleet.orders;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.orders.Repositories.OrderRepository;
import dev.shopfleet.orders.Repositories.OutboxRepository;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * What orders has set aside (events in outbox_dead_letter, orders in saga_dead_letter), on /health for the operator to
 * put on the shop's status. Always UP and in neither the liveness nor the readiness group: set-aside work needs a
 * person, not a restart, and checkout goes on meanwhile.
 */
@Singleton
public class DeadLettersHealth extends AbstractHealthIndicator<Map<String, Long>> {
    private final OutboxRepository outbox;
    private final OrderRepository orders;

    DeadLettersHealth(OutboxRepository outbox, OrderRepository orders, @Named(TaskExecutors.BLOCKING) ExecutorService io) {
        this.outbox = outbox;
        this.orders = orders;
        setExecutorService(io);
    }

    @Override
    protected Map<String, Long> getHealthInformation() {
        healthStatus = HealthStatus.UP;
        return Map.of(ShopContract.DEAD_LETTERS_OUTBOX, outbox.deadLettered(), ShopContract.DEAD_LETTERS_SAGA, orders.deadLettered());
    }

    @Override
    protected String getName() {
        return ShopContract.DEAD_LETTERS_INDICATOR;
    }
}
