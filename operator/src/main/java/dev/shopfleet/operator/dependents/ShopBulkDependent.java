package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.api.DeletionPolicy;
import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.ShopApplies;
import dev.shopfleet.operator.shop.ShopContext;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicyBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Objects of one kind, one per enabled service (or database), applied with server-side apply, owned by
 * the ShopPlatform, and removed when no longer desired. Subclasses only say what is desired.
 */
abstract class ShopBulkDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, ShopPlatform>
        implements CRUDKubernetesBulkDependentResource<R, ShopPlatform>, KubernetesBulkDependentResource<R, ShopPlatform> {

    private static final long MATCHES_KEPT_NANOS = TimeUnit.MINUTES.toNanos(10);
    /**
     * The objects last found to match their desired state, with what both were then. The same object version and the
     * same desired state match again, so the costly comparison (JOSDK's server-side-apply matcher turns both into maps,
     * a fifth of the operator's CPU in a fleet's rollout) runs once per change instead of once per reconciliation.
     */
    private final Map<ResourceID, Fingerprint> matched = new ConcurrentHashMap<>();
    private volatile long matchedSince = System.nanoTime();

    /** An object's version and its desired state's two hashes (64 bits: a collision would skip a needed apply). */
    private record Fingerprint(String resourceVersion, int desiredHash, int desiredTextHash) {
        Fingerprint(String resourceVersion, HasMetadata desired) {
            this(resourceVersion, desired.hashCode(), desired.toString().hashCode());
        }
    }

    protected ShopBulkDependent(Class<R> type) {
        super(type);
    }

    /** The objects this shop should have, built from the shop alone. */
    protected abstract List<R> desired(Shop shop);

    /** The same, for a dependent that also needs what this reconciliation observed (the shop's context). */
    protected List<R> desired(ShopContext shop) {
        return desired(shop.shop());
    }

    @Override
    public Map<ResourceID, R> desiredResources(ShopPlatform primary, Context<ShopPlatform> context) {
        Map<ResourceID, R> desired = new LinkedHashMap<>();
        for (R resource : desired(ShopContext.of(context))) {
            desired.put(ResourceID.fromResource(resource), resource);
        }
        return desired;
    }

    /**
     * What JOSDK's bulk reconciliation does (remove what is no longer desired, create what is missing, apply what
     * differs), with the objects sent side by side on the shop's apply threads instead of one after another.
     */
    @Override
    public ReconcileResult<R> reconcile(ShopPlatform primary, Context<ShopPlatform> context) {
        long now = System.nanoTime();
        if (now - matchedSince > MATCHES_KEPT_NANOS) { // so the objects of deleted shops do not stay
            matched.clear();
            matchedSince = now;
        }
        Map<ResourceID, R> actual = getSecondaryResources(primary, context);
        Map<ResourceID, R> desired = desiredResources(primary, context);
        actual.forEach((id, resource) -> {
            if (!desired.containsKey(id)) {
                deleteTargetResource(primary, resource, id, context);
            }
        });
        ShopApplies applies = ShopContext.of(context).applies();
        List<CompletableFuture<ReconcileResult<R>>> results = desired.entrySet().stream()
                .map(entry -> applies.apply(() -> reconcileOne(primary, actual.get(entry.getKey()), entry.getValue(), context)))
                .toList();
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        List<ReconcileResult<R>> done = new ArrayList<>(results.size());
        for (CompletableFuture<ReconcileResult<R>> result : results) {
            try {
                done.add(result.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        return ReconcileResult.aggregatedResult(done);
    }

    private ReconcileResult<R> reconcileOne(ShopPlatform primary, R actual, R desired, Context<ShopPlatform> context) {
        if (actual == null) {
            R created = create(desired, primary, context);
            onCreated(primary, created, context);
            return ReconcileResult.resourceCreated(created);
        }
        ResourceID id = ResourceID.fromResource(actual);
        Fingerprint fingerprint = new Fingerprint(actual.getMetadata().getResourceVersion(), desired);
        if (fingerprint.equals(matched.get(id))) {
            return ReconcileResult.noOperation(actual);
        }
        if (match(actual, desired, primary, context).matched()) {
            matched.put(id, fingerprint);
            return ReconcileResult.noOperation(actual);
        }
        R updated = update(actual, desired, primary, context);
        onUpdated(primary, updated, actual, context);
        return ReconcileResult.resourceUpdated(updated);
    }

    /** An environment variable taken from a key of a Secret (credentials never appear inline). */
    static EnvVar secretEnv(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom()
                .build();
    }

    /** The pod security every pod of a shop runs with: Pod Security "restricted", as user and group {@code uid}. */
    static PodSecurityContext restrictedPod(long uid) {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(uid)
                .withRunAsGroup(uid)
                .withFsGroup(uid)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    /** A StatefulSet's volumes outlive it unless the shop's deletionPolicy is Delete, and outlive scaling down always. */
    static StatefulSetPersistentVolumeClaimRetentionPolicy claimRetention(Shop shop) {
        return new StatefulSetPersistentVolumeClaimRetentionPolicyBuilder()
                .withWhenDeleted(shop.spec().getDeletionPolicy() == DeletionPolicy.Delete ? "Delete" : "Retain")
                .withWhenScaled("Retain")
                .build();
    }

    static ObjectMeta metadata(Shop shop, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder().withName(name).withNamespace(shop.namespace()).withLabels(labels).build();
    }
}
