package dev.shopfleet.orders;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.orders.Dtos.Availability;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether checkout can take payments now, from payments' readiness, remembered for a moment: the storefront
 * asks on every checkout page, and a dead payments service should cost one timeout, not one per shopper.
 */
@Singleton
public class PaymentsAvailability {
    private static final Duration REMEMBER = Duration.ofSeconds(2);
    private final HttpClient payments;
    private volatile Availability last;
    private volatile Instant checkedAt = Instant.EPOCH;

    PaymentsAvailability(@Client(id = "payments") HttpClient payments) {
        this.payments = payments;
    }

    public Availability now() {
        if (Instant.now().isAfter(checkedAt.plus(REMEMBER))) {
            Availability current;
            try {
                payments.toBlocking().exchange(ShopContract.READINESS_PATH);
                current = new Availability(true, null);
            } catch (RuntimeException e) {
                current = new Availability(false, "payments are unavailable right now");
            }
            last = current;
            checkedAt = Instant.now();
        }
        return last;
    }
}
