package dev.shopfleet.testkit;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.shopfleet.contract.OrderEventType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The contract's event schemas, to hold what a service really wrote to them. */
public final class EventSchemas {
    private static final Map<OrderEventType, Schema> SCHEMAS = new EnumMap<>(OrderEventType.class);

    static {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        for (OrderEventType type : OrderEventType.values()) {
            SCHEMAS.put(type, registry.getSchema(type.schema()));
        }
    }

    private EventSchemas() {
    }

    /** What in the event breaks its schema; empty when it keeps it. */
    public static List<String> violations(OrderEventType type, String json) {
        return SCHEMAS.get(type).validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
    }
}
