package dev.shopfleet.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.Assertions;

/**
 * Assertions on a JSON body as JSON: a field's value is compared by type and value (4 is not "4", and "total":12 does
 * not match "total":120), wherever in the document the object holding it is.
 */
public final class JsonAssert {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String body;
    private final JsonNode root;
    private String description = "";

    private JsonAssert(String body) {
        this.body = body;
        this.root = parse(body);
    }

    public static JsonAssert assertThatJson(String body) {
        return new JsonAssert(body);
    }

    public static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Whether one object in the document has all these fields with these values (field, value, field, value...). */
    public static boolean anyObjectHas(String body, Object... fieldsAndValues) {
        try {
            return anyObject(MAPPER.readTree(body), pairs(fieldsAndValues));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    public JsonAssert as(String description, Object... args) {
        this.description = "[" + String.format(description, args) + "] ";
        return this;
    }

    /** One object in the document has all these fields with these values: field, value, field, value... */
    public JsonAssert has(Object... fieldsAndValues) {
        Map<String, Object> expected = pairs(fieldsAndValues);
        if (!anyObject(root, expected)) {
            throw new AssertionError(description + "no object with " + expected + " in " + body);
        }
        return this;
    }

    /** Free text (a name, a message) somewhere in the document. */
    public JsonAssert containsText(String... texts) {
        Assertions.assertThat(body).as(description).contains(texts);
        return this;
    }

    public JsonAssert doesNotContainText(String... texts) {
        Assertions.assertThat(body).as(description).doesNotContain(texts);
        return this;
    }

    private static Map<String, Object> pairs(Object... fieldsAndValues) {
        if (fieldsAndValues.length == 0 || fieldsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields and values come in pairs");
        }
        Map<String, Object> pairs = new java.util.LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            pairs.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return pairs;
    }

    private static boolean anyObject(JsonNode node, Map<String, Object> expected) {
        if (node.isObject() && expected.entrySet().stream().allMatch(e -> matches(node.get(e.getKey()), e.getValue()))) {
            return true;
        }
        List<JsonNode> children = new ArrayList<>();
        Iterator<JsonNode> elements = node.elements();
        elements.forEachRemaining(children::add);
        return children.stream().anyMatch(child -> anyObject(child, expected));
    }

    private static boolean matches(JsonNode actual, Object expected) {
        if (actual == null) {
            return false;
        }
        if (expected == null) {
            return actual.isNull();
        }
        if (expected instanceof Number number) {
            return actual.isNumber() && actual.decimalValue().compareTo(new java.math.BigDecimal(number.toString())) == 0;
        }
        if (expected instanceof Boolean bool) {
            return actual.isBoolean() && actual.booleanValue() == bool;
        }
        return actual.isTextual() && Objects.equals(actual.textValue(), expected.toString());
    }
}
