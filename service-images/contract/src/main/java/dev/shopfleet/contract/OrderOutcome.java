package dev.shopfleet.contract;

import java.util.Optional;

/**
 * How an order's saga ends, by the status orders reports: one of these, or a step still under way. Orders' own
 * state machine has these as its terminal states; callers (the storefront) say what each means to a shopper.
 */
public enum OrderOutcome {
    CONFIRMED, REJECTED_OUT_OF_STOCK, PAYMENT_DECLINED, FAILED;

    public static Optional<OrderOutcome> of(String status) {
        for (OrderOutcome outcome : values()) {
            if (outcome.name().equals(status)) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }

    public boolean succeeded() {
        return this == CONFIRMED;
    }
}
