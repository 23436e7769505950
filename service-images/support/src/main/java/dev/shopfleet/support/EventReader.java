package dev.shopfleet.support;

import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an event off the broker as an HTTP inbox reads its body: JSON into the consumer's own record (the fields it
 * needs; the rest is ignored, so producers may add fields), then that record's constraints.
 */
@Singleton
public class EventReader {
    private final ObjectMapper json;
    private final Validator validator;

    EventReader(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    public <T> T read(String value, Class<T> type) throws UnreadableEvent {
        if (value == null) {
            throw new UnreadableEvent("no value");
        }
        T event;
        try {
            event = json.readValue(value, type);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableEvent("not an event " + type.getSimpleName() + " reads: " + e.getMessage());
        }
        if (event == null) {
            throw new UnreadableEvent("not an event " + type.getSimpleName() + " reads: null");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw new UnreadableEvent("invalid event: " + violations.stream()
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
