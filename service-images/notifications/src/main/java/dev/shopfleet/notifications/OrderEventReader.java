package dev.shopfleet.notifications;

import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads an order event off the broker as the HTTP inbox reads its body: JSON, then the record's constraints. */
@Singleton
public class OrderEventReader {
    private final ObjectMapper json;
    private final Validator validator;

    OrderEventReader(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    public OrderEvent read(String value) throws UnreadableEvent {
        if (value == null) {
            throw new UnreadableEvent("no value");
        }
        OrderEvent event;
        try {
            event = json.readValue(value, OrderEvent.class);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableEvent("not an order event: " + e.getMessage());
        }
        if (event == null) {
            throw new UnreadableEvent("not an order event: null");
        }
        Set<ConstraintViolation<OrderEvent>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw new UnreadableEvent("invalid order event: " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining(", ")));
        }
        return event;
    }

    /** The event can never be taken as it is: retrying it would change nothing. */
    public static final class UnreadableEvent extends Exception {
        UnreadableEvent(String message) {
            super(message.length() > 500 ? message.substring(0, 500) : message);
        }
    }
}
