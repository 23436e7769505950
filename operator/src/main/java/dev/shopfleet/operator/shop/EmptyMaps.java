package dev.shopfleet.operator.shop;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Every fabric8 model object carries its own {@code additionalProperties} map for fields the model does not know, and
 * it is nearly always empty: a Deployment is some sixty such objects, so a fleet's caches held one empty map (and the
 * entry set an equality check leaves on it) for every one of them. In a cached object they become one shared
 * immutable empty map; nothing writes to a cached object's unknown fields (a copy or a builder makes maps of its own).
 */
final class EmptyMaps {
    private static final String MODEL = "io.fabric8.kubernetes.api.model.";
    private static final Map<String, Object> EMPTY = Collections.emptyMap();
    private static final ClassValue<List<Field>> OWN = fields(true);
    private static final ClassValue<List<Field>> NESTED = fields(false);

    private EmptyMaps() {
    }

    /** Shares the empty unknown-field maps of {@code object} and of every model object it holds. */
    static void share(Object object) {
        if (object == null || !object.getClass().getName().startsWith(MODEL)) {
            return;
        }
        try {
            for (Field field : OWN.get(object.getClass())) {
                if (field.get(object) instanceof Map<?, ?> map && map.isEmpty() && map != EMPTY) {
                    field.set(object, EMPTY);
                }
            }
            for (Field field : NESTED.get(object.getClass())) {
                Object value = field.get(object);
                if (value instanceof Collection<?> items) {
                    items.forEach(EmptyMaps::share);
                } else if (value instanceof Map<?, ?> map) {
                    map.values().forEach(EmptyMaps::share);
                } else {
                    share(value);
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach the fields of " + object.getClass(), e);
        }
    }

    /** A model class's additionalProperties field ({@code own}), or the fields that may hold model objects. */
    private static ClassValue<List<Field>> fields(boolean own) {
        return new ClassValue<>() {
            @Override
            protected List<Field> computeValue(Class<?> type) {
                List<Field> fields = new ArrayList<>();
                for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                    for (Field field : c.getDeclaredFields()) {
                        if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()
                                || field.getType() == String.class) {
                            continue;
                        }
                        if (own == field.getName().equals("additionalProperties")) {
                            field.setAccessible(true);
                            fields.add(field);
                        }
                    }
                }
                return List.copyOf(fields);
            }
        };
    }
}
