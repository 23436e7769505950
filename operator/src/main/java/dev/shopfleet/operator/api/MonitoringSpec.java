package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * The shop's service levels, as its alerts hold them (when the cluster has the Prometheus Operator): what a tenant
 * promises its shoppers, so the tenant chooses. Everything else about monitoring follows from the call graph.
 */
public class MonitoringSpec {
    /** Prometheus' duration syntax, largest unit first (what a rule's "for" takes). */
    static final String DURATION = "^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$";

    @JsonPropertyDescription("How long a problem lasts before its alert fires (Prometheus' 'for'), e.g. 5m.")
    @Default("5m")
    @Pattern(DURATION)
    @Size(min = 2, max = 16)
    private String alertAfter = "5m";

    @JsonPropertyDescription("The share of checkouts (in percent, over 5 minutes) that may fail for reasons of the shop's "
            + "own (not a declined card, not stock) before an alert fires.")
    @Default("5")
    @Min(1)
    @Max(100)
    private int checkoutErrorPercent = 5;

    @JsonPropertyDescription("The 99th percentile of checkout time (from the order to its end, over 5 minutes) above "
            + "which an alert fires, e.g. 10s.")
    @Default("10s")
    @Pattern(DURATION)
    @Size(min = 2, max = 16)
    private String checkoutLatencyP99 = "10s";

    @JsonPropertyDescription("How long an order may stay under way (not confirmed, rejected or failed) before it "
            + "counts as stuck and an alert fires, e.g. 15m.")
    @Default("15m")
    @Pattern(DURATION)
    @Size(min = 2, max = 16)
    private String orderStuckAfter = "15m";

    public String getAlertAfter() {
        return alertAfter;
    }

    public void setAlertAfter(String alertAfter) {
        this.alertAfter = alertAfter;
    }

    public int getCheckoutErrorPercent() {
        return checkoutErrorPercent;
    }

    public void setCheckoutErrorPercent(int checkoutErrorPercent) {
        this.checkoutErrorPercent = checkoutErrorPercent;
    }

    public String getCheckoutLatencyP99() {
        return checkoutLatencyP99;
    }

    public void setCheckoutLatencyP99(String checkoutLatencyP99) {
        this.checkoutLatencyP99 = checkoutLatencyP99;
    }

    public String getOrderStuckAfter() {
        return orderStuckAfter;
    }

    public void setOrderStuckAfter(String orderStuckAfter) {
        this.orderStuckAfter = orderStuckAfter;
    }
}
