package dev.shopfleet.orders;

import jakarta.inject.Singleton;
import java.util.UUID;

/** This process's name on the leases it takes: whoever holds an order's lease runs its saga. */
@Singleton
public class SagaOwner {
    private final String id = "orders-" + UUID.randomUUID();

    public String id() {
        return id;
    }
}
