package dev.shopfleet.catalog;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;

/**
 * The best sellers: units sold per product, counted once per OrderPlaced event (the event's id is kept with the
 * counts, in one transaction, so a redelivery counts nothing).
 */
@Singleton
public class BestSellers {
    private final SalesRepository sales;

    BestSellers(SalesRepository sales) {
        this.sales = sales;
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
}
