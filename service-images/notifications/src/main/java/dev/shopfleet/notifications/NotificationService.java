package dev.shopfleet.notifications;

import dev.shopfleet.contract.OrderEventType;
import dev.shopfleet.support.ShopSettings;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.stream.Collectors;

/** Turns an event into the email it asks for, recorded once per event id. */
@Singleton
public class NotificationService {
    private final NotificationRepository notifications;
    private final String shopName;

    NotificationService(NotificationRepository notifications, ShopSettings settings) {
        this.notifications = notifications;
        this.shopName = settings.displayName();
    }

    /** True if the event was new; a redelivered event changes nothing. */
    public boolean accept(OrderEvent event) {
        if (!OrderEventType.ORDER_PLACED.typeName().equals(event.type())) {
            return false; // other order events send no email (yet); accepting them keeps the relay moving
        }
        String shortId = event.orderId().length() > 8 ? event.orderId().substring(0, 8) : event.orderId();
        String subject = "Your " + shopName + " order " + shortId + " is confirmed";
        String lines = event.lines().stream()
                .map(l -> "  " + l.quantity() + " x " + l.name() + " (" + l.sku() + ")  "
                        + money(l.unitPriceMinor() * l.quantity(), event.currency()))
                .collect(Collectors.joining("\n"));
        String body = "Hello " + (event.name() == null ? "" : event.name()) + ",\n\n"
                + "thank you for your order at " + shopName + ". We have received your payment.\n\n"
                + lines + "\n\n  Total: " + money(event.totalMinor(), event.currency()) + "\n\n"
                + "Order number: " + event.orderId() + "\n";
        return notifications.insertIfNew(event.eventId(), event.type(), event.orderId(), event.email(), subject, body) == 1;
    }

    static String money(long minor, String currency) {
        return BigDecimal.valueOf(minor, 2).toPlainString() + " " + currency;
    }
}
