package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.ShopContext;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Objects of one kind, one per enabled service (or database), applied with server-side apply, owned by
 * the ShopPlatform, and removed when no longer desired. Subclasses only say what is desired.
 */
abstract class ShopBulkDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, ShopPlatform>
        implements CRUDKubernetesBulkDependentResource<R, ShopPlatform>, KubernetesBulkDependentResource<R, ShopPlatform> {

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

    /** An environment variable taken from a key of a Secret (credentials never appear inline). */
    static EnvVar secretEnv(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom()
                .build();
    }

    static ObjectMeta metadata(Shop shop, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder().withName(name).withNamespace(shop.namespace()).withLabels(labels).build();
    }
}
