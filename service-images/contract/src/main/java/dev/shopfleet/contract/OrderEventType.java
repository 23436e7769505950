package dev.shopfleet.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The events orders publishes on {@link ShopTopic#ORDER_EVENTS}, each with the version of its schema (a JSON Schema
 * beside this class, {@link #schema()}). Within a version fields are only ever added, so a consumer reads what it knows
 * and ignores the rest; a change that would break a reader is a new version, published beside the old one until every
 * consumer reads it. A consumer takes the types and versions it knows and passes over the others.
 */
public enum OrderEventType {
    /** An order was confirmed: stock taken, payment captured. What the shopper bought, at what price. */
    ORDER_PLACED("OrderPlaced", 1),
    /** An order ended without a sale (out of stock, card declined, failed): nothing was taken, nothing charged. */
    ORDER_REJECTED("OrderRejected", 1);

    private final String typeName;
    private final int version;

    OrderEventType(String typeName, int version) {
        this.typeName = typeName;
        this.version = version;
    }

    /** The event's {@code type} in its body and its {@link BrokerContract#HEADER_EVENT_TYPE} header. */
    public String typeName() {
        return typeName;
    }

    /** Its schema's version, in its body ({@code version}) and its {@link BrokerContract#HEADER_EVENT_VERSION} header. */
    public int version() {
        return version;
    }

    /** The JSON Schema (draft 2020-12) of this version of the event. */
    public String schema() {
        String resource = "events/" + typeName + ".v" + version + ".schema.json";
        try (InputStream in = OrderEventType.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the contract's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event a type and version name, if this contract knows it (a newer producer may send what it does not). */
    public static Optional<OrderEventType> of(String typeName, int version) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(typeName) && t.version == version).findFirst();
    }
}
