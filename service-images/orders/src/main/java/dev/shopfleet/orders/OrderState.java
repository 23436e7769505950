package dev.shopfleet.orders;

import dev.shopfleet.contract.OrderOutcome;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** The ends: exactly the outcomes the contract tells callers about. */
    static final Set<OrderState> TERMINAL = Arrays.stream(OrderOutcome.values()).map(o -> valueOf(o.name()))
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(OrderState.class)));
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
