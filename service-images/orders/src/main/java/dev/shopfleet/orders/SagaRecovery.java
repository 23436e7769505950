package dev.shopfleet.orders;

import dev.shopfleet.orders.Repositories.OrderRepository;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Finishes what nobody is finishing: orders whose process died mid-saga (their lease ran out) and orders
 * waiting to retry a compensation. Forward steps resume where the order stands; all steps are idempotent.
 */
@Singleton
public class SagaRecovery {
    private final OrderRepository orders;
    private final OrderStore store;
    private final OrderSaga saga;
    private final String owner;

    SagaRecovery(OrderRepository orders, OrderStore store, OrderSaga saga, SagaOwner owner) {
        this.orders = orders;
        this.store = store;
        this.saga = saga;
        this.owner = owner.id();
    }

    @Scheduled(fixedDelay = "${orders.saga.recovery-interval:2s}", initialDelay = "1s")
    public void resumeUnfinished() {
        for (UUID id : orders.unfinished(50, OrderState.terminalNames())) {
            if (store.claim(id, owner)) {
                store.note(id, orders.findById(id).orElseThrow().state(), "resumed by " + owner);
                saga.run(id, owner);
            }
        }
    }
}
