package dev.shopfleet.orders;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The saga's steps in order, then the compensation and the four ends. The payment states are the ones in which
 * a charge may exist, so leaving one for compensation means cancelling the payment too.
 */
public enum OrderState {
    NEW,
    STOCK_RESERVED,
    PAYMENT_PENDING,
    PAYMENT_AUTHORIZED,
    PAYMENT_CAPTURED,
    COMPENSATING,
    CONFIRMED,
    REJECTED_OUT_OF_STOCK,
    PAYMENT_DECLINED,
    FAILED;

    static final Set<OrderState> TERMINAL = EnumSet.of(CONFIRMED, REJECTED_OUT_OF_STOCK, PAYMENT_DECLINED, FAILED);
    private static final List<String> TERMINAL_NAMES = TERMINAL.stream().map(Enum::name).toList();

    /** The terminal states as stored, for queries that must leave finished orders alone. */
    static List<String> terminalNames() {
        return TERMINAL_NAMES;
    }

    boolean terminal() {
        return TERMINAL.contains(this);
    }

    boolean mayHaveCharged() {
        return this == PAYMENT_PENDING || this == PAYMENT_AUTHORIZED || this == PAYMENT_CAPTURED;
    }
}
