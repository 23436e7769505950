package dev.shopfleet.orders;

import dev.shopfleet.orders.Dtos.LineView;
import dev.shopfleet.orders.Dtos.OrderView;
import dev.shopfleet.orders.Dtos.StepView;
import dev.shopfleet.orders.Entities.CustomerOrder;
import dev.shopfleet.orders.Entities.OrderLine;
import dev.shopfleet.orders.Repositories.HistoryRepository;
import dev.shopfleet.orders.Repositories.OrderLineRepository;
import dev.shopfleet.orders.Repositories.OrderRepository;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** What shoppers see of their orders. */
@Singleton
public class OrderQueries {
    private final OrderRepository orders;
    private final OrderLineRepository lines;
    private final HistoryRepository history;

    OrderQueries(OrderRepository orders, OrderLineRepository lines, HistoryRepository history) {
        this.orders = orders;
        this.lines = lines;
        this.history = history;
    }

    public Optional<OrderView> byKey(String userId, String idempotencyKey) {
        return orders.findByUserIdAndIdempotencyKey(userId, idempotencyKey).map(o -> view(o, lines.findByOrderIdOrderBySku(o.id()), true));
    }

    /** The shopper's own order only: someone else's is as absent as one that does not exist. */
    public Optional<OrderView> mine(String userId, UUID id) {
        return orders.findById(id).filter(o -> o.userId().equals(userId)).map(o -> view(o, lines.findByOrderIdOrderBySku(id), true));
    }

    public List<OrderView> history(String userId, int page, int size) {
        List<CustomerOrder> found = orders.history(userId, size, page * size);
        Map<UUID, List<OrderLine>> byOrder = found.isEmpty() ? Map.of()
                : lines.findByOrderIdInList(found.stream().map(CustomerOrder::id).toList()).stream()
                        .collect(Collectors.groupingBy(OrderLine::orderId));
        return found.stream().map(o -> view(o, byOrder.getOrDefault(o.id(), List.of()), false)).toList();
    }

    public OrderView view(UUID id) {
        return view(orders.findById(id).orElseThrow(), lines.findByOrderIdOrderBySku(id), true);
    }

    private OrderView view(CustomerOrder o, List<OrderLine> orderLines, boolean withHistory) {
        return new OrderView(o.id(), o.state().name(), o.state().terminal(), o.reason(), o.totalMinor(), o.currency(),
                o.cardBrand(), o.cardLast4(), o.createdAt(), o.updatedAt(),
                orderLines.stream().map(l -> new LineView(l.sku(), l.name(), l.quantity(), l.unitPriceMinor(),
                        l.unitPriceMinor() * l.quantity())).toList(),
                withHistory ? history.findByOrderIdOrderById(o.id()).stream()
                        .map(h -> new StepView(h.state().name(), h.note(), h.at())).toList() : null);
    }
}
