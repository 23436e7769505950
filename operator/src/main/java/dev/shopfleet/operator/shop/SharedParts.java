package dev.shopfleet.operator.shop;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Equal parts of cached objects become one instance. A fleet's caches hold the same parts over and over: every shop's
 * Deployment of a service has the same probes, security context, resources, ports and most of its environment, all of a
 * shop's children carry the same owner reference and label maps, and each one's managedFields entry has the shape of its
 * kind's. Every part of an object, bottom up, is replaced by the first equal part still cached anywhere; empty maps
 * (every model object's map of unknown fields, nearly always empty) become one immutable empty map.
 *
 * <p>Sound because nothing writes to a cached object: the informer hands it out to be read, the server-side apply
 * matcher converts it to a map of its own, a copy or a builder makes its own parts. Quantities compare by amount, which
 * cannot merge different texts: the API server stores each quantity in its canonical form.
 */
final class SharedParts {
    private static final String MODEL = "io.fabric8.kubernetes.api.model.";
    private static final Map<String, Object> EMPTY = Collections.emptyMap();
    private static final Map<Object, WeakReference<Object>> PARTS = new WeakHashMap<>();
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()
                            && field.getType() != String.class) {
                        field.setAccessible(true);
                        fields.add(field);
                    }
                }
            }
            return List.copyOf(fields);
        }
    };

    private SharedParts() {
    }

    /** Replaces the parts of {@code object} with equal parts already cached (the object itself stays its own). */
    static void share(HasMetadata object) {
        shareFields(object);
    }

    /** The instance to keep for {@code value}: an equal one already kept, or {@code value} with its own parts shared. */
    private static Object shared(Object value) {
        if (value instanceof List<?> list) {
            List<Object> parts = new ArrayList<>(list.size());
            list.forEach(item -> parts.add(shared(item)));
            return canonical(parts);
        }
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return EMPTY;
            }
            Map<Object, Object> parts = new LinkedHashMap<>(map.size() * 4 / 3 + 1);
            map.forEach((k, v) -> parts.put(k, shared(v)));
            return canonical(parts);
        }
        if (value == null || !value.getClass().getName().startsWith(MODEL)) {
            return value; // strings (deduplicated by the JVM), numbers, booleans
        }
        shareFields(value);
        // an object's metadata is its own (uid, resourceVersion): keeping a reference to it would only cost
        return value instanceof ObjectMeta ? value : canonical(value);
    }

    private static void shareFields(Object object) {
        try {
            for (Field field : FIELDS.get(object.getClass())) {
                Object value = field.get(object);
                Object shared = shared(value);
                if (shared != value) {
                    field.set(object, shared);
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach the fields of " + object.getClass(), e);
        }
    }

    /** The part kept for {@code part}, whose own parts are already shared; kept while a cached object refers to it. */
    private static Object canonical(Object part) {
        synchronized (PARTS) {
            Object known = Optional.ofNullable(PARTS.get(part)).map(WeakReference::get).orElse(null);
            if (known != null) {
                return known;
            }
            PARTS.put(part, new WeakReference<>(part));
            return part;
        }
    }
}
