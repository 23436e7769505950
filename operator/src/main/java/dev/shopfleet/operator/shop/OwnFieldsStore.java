package dev.shopfleet.operator.shop;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

/**
 * An informer's store that keeps, of each object's managedFields, only the operator's own entry: server-side apply's
 * matcher compares the desired object against that entry alone, and the others (controllers' status writes, the
 * scheduler's, kwok's) held most of the operator's heap with a fleet of shops (measured: e2e/bench/fleet-benchmark).
 * Equal parts of cached objects are one instance ({@link SharedParts}).
 */
public class OwnFieldsStore<R extends HasMetadata> implements ItemStore<R> {
    private final ConcurrentMap<String, R> items = new ConcurrentHashMap<>();

    @Override
    public String getKey(R item) {
        return Cache.metaNamespaceKeyFunc(item);
    }

    @Override
    public R put(String key, R item) {
        R kept = prune(item);
        SharedParts.share(kept);
        return items.put(key, kept);
    }

    /** What of the object the cache keeps; the informer's copy, so it may be changed in place. */
    protected R prune(R item) {
        List<ManagedFieldsEntry> fields = item.getMetadata().getManagedFields();
        if (fields != null) {
            item.getMetadata().setManagedFields(fields.stream()
                    .filter(entry -> Shop.MANAGED_BY.equals(entry.getManager())).toList());
        }
        return item;
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
