package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;

/** STRICT mutual TLS for the shop's workloads (mesh mode istio; see {@link IstioPolicies}). */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class PeerAuthenticationsDependent extends ShopBulkDependent<PeerAuthentication> {

    public PeerAuthenticationsDependent() {
        super(PeerAuthentication.class);
    }

    @Override
    protected List<PeerAuthentication> desired(Shop shop) {
        return IstioPolicies.peerAuthentications(shop);
    }
}
