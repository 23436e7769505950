package dev.shopfleet.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits on real conditions with a deadline: the only way the tests synchronise (never a fixed sleep). */
public final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(250);

    private Poll() {
    }

    /**
     * Polls {@code condition} until it holds; after {@code timeout} fails with {@code what} and the
     * {@code diagnostics} (what a person needs to see why it did not happen).
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastError = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                lastError = null;
            } catch (RuntimeException e) { // a server may answer an error while things settle
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError failure = new AssertionError(
                        "timed out after " + timeout.toSeconds() + "s waiting for " + what + "\n" + diagnostics.get());
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "");
    }
}
