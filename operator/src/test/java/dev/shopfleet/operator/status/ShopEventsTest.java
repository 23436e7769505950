package dev.shopfleet.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.operator.api.ShopPlatformStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopEventsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void becomingReadyIsAnEventButStayingReadyIsNot() {
        ShopPlatformStatus notReady = status(false, false);
        ShopPlatformStatus ready = status(true, false);
        assertThat(ShopEvents.transitions(notReady, ready)).extracting(ShopEvents.ShopEvent::reason).containsExactly("ShopReady");
        assertThat(ShopEvents.transitions(ready, status(true, false))).isEmpty();
    }

    @Test
    void aNewShopThatIsNotReadyYetMakesNoNoise() {
        assertThat(ShopEvents.transitions(null, status(false, false))).isEmpty();
    }

    @Test
    void degradingAndRecoveringAreWarningAndNormalEvents() {
        ShopPlatformStatus ready = status(true, false);
        ShopPlatformStatus degraded = status(false, true);
        assertThat(ShopEvents.transitions(ready, degraded)).extracting(e -> e.type() + "/" + e.reason())
                .containsExactly("Warning/DatabaseUnavailable", "Warning/DatabaseUnavailable");
        assertThat(ShopEvents.transitions(degraded, ready)).extracting(e -> e.type() + "/" + e.reason())
                .containsExactly("Normal/ShopReady", "Normal/Recovered");
    }

    private static ShopPlatformStatus status(boolean ready, boolean degraded) {
        ShopPlatformStatus status = new ShopPlatformStatus();
        status.setConditions(List.of(
                StatusAggregator.condition(List.of(), "Ready", ready, ready ? "AllServicesReady" : "DatabaseUnavailable",
                        "m", 1, NOW),
                StatusAggregator.condition(List.of(), "Degraded", degraded, degraded ? "DatabaseUnavailable" : "AsExpected",
                        "m", 1, NOW)));
        return status;
    }
}
