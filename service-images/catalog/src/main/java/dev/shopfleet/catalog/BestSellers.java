package dev.shopfleet.catalog;

import dev.shopfleet.contract.ShopMetric;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.transaction.annotation.Transactional;
import java.util.Map;
import java.util.TreeMap;

/**
 * The best sellers: units sold per product, counted once per OrderPlaced event (the event's id is kept with the
 * counts, in one transaction, so a redelivery counts nothing). The skipped-events counter exists from the start, so a
 * dashboard never waits for the first one.
 */
@Context
public class BestSellers {
    private final SalesRepository sales;
    private final Counter skipped;

    BestSellers(SalesRepository sales, MeterRegistry meters) {
        this.sales = sales;
        this.skipped = Counter.builder(ShopMetric.CATALOG_EVENTS_SKIPPED.micrometerName())
                .description("Order events catalog passed over unread: its best sellers miss them").register(meters);
    }

    /** True if the order was new and is now counted. */
    @Transactional
    public boolean count(SoldOrder order) {
        if (sales.markCounted(order.eventId(), order.orderId()) == 0) {
            return false;
        }
        Map<String, Long> units = new TreeMap<>(); // by SKU: concurrent counts lock rows in one order
        order.lines().forEach(line -> units.merge(line.sku(), (long) line.quantity(), Long::sum));
        units.forEach(sales::addSold);
        return true;
    }

    public long unitsSold(String sku) {
        return sales.findById(sku).map(ProductSales::unitsSold).orElse(0L);
    }

    void skipped() {
        skipped.increment();
    }
}
