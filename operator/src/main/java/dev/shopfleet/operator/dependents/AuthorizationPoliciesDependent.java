package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;

/** Deny by default, then each service's callers by identity (mesh mode istio; see {@link IstioPolicies}). */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class AuthorizationPoliciesDependent extends ShopBulkDependent<AuthorizationPolicy> {

    public AuthorizationPoliciesDependent() {
        super(AuthorizationPolicy.class);
    }

    @Override
    protected List<AuthorizationPolicy> desired(Shop shop) {
        return IstioPolicies.authorizationPolicies(shop);
    }
}
