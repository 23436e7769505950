package dev.shopfleet.operator.shop;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

/**
 * An informer's store that keeps, of each object's managedFields, only the operator's own entry: server-side apply's
 * matcher compares the desired object against that entry alone, and the others (controllers' status writes, the
 * scheduler's, kwok's) held most of the operator's heap with a fleet of shops (measured: e2e/bench/fleet-benchmark).
 * Empty maps of unknown fields are shared too ({@link EmptyMaps}).
 */
public class OwnFieldsStore<R extends HasMetadata> implements ItemStore<R> {
    private static final Map<FieldsV1, WeakReference<FieldsV1>> SHAPES = new WeakHashMap<>();
    private final ConcurrentMap<String, R> items = new ConcurrentHashMap<>();

    @Override
    public String getKey(R item) {
        return Cache.metaNamespaceKeyFunc(item);
    }

    @Override
    public R put(String key, R item) {
        R kept = prune(item);
        EmptyMaps.share(kept);
        return items.put(key, kept);
    }

    /** What of the object the cache keeps; the informer's copy, so it may be changed in place. */
    protected R prune(R item) {
        List<ManagedFieldsEntry> fields = item.getMetadata().getManagedFields();
        if (fields != null) {
            item.getMetadata().setManagedFields(new ArrayList<>(fields.stream()
                    .filter(entry -> Shop.MANAGED_BY.equals(entry.getManager()))
                    .peek(entry -> entry.setFieldsV1(shared(entry.getFieldsV1()))).toList()));
        }
        return item;
    }

    /**
     * One instance of each distinct set of owned fields: every shop's Deployment of a service owns the same fields, so
     * a fleet's caches hold a few hundred of these trees rather than one per object (they were most of what remained).
     * Only read (by the apply matcher); kept while an object in a cache refers to it.
     */
    static FieldsV1 shared(FieldsV1 fields) {
        if (fields == null) {
            return null;
        }
        synchronized (SHAPES) {
            FieldsV1 known = Optional.ofNullable(SHAPES.get(fields)).map(WeakReference::get).orElse(null);
            if (known != null) {
                return known;
            }
            SHAPES.put(fields, new WeakReference<>(fields));
            return fields;
        }
    }

    @Override
    public R remove(String key) {
        return items.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return items.keySet().stream();
    }

    @Override
    public Stream<R> values() {
        return items.values().stream();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public R get(String key) {
        return items.get(key);
    }
}
