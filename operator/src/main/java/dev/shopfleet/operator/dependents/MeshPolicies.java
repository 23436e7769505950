package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.Shops;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The shop's policy objects of whichever mode is in force, as "Kind/name". The databases and Deployments wait
 * until all of them exist (this is the readiness of the policy step), so nothing runs unprotected; with mode istio
 * on a cluster without Istio nothing starts at all, and the status says why.
 */
public class MeshPolicies implements Condition<NetworkPolicy, ShopPlatform> {

    public static Set<String> expected(Shop shop) {
        List<HasMetadata> all = new ArrayList<>(NetworkPoliciesDependent.policies(shop));
        all.addAll(IstioPolicies.peerAuthentications(shop));
        all.addAll(IstioPolicies.authorizationPolicies(shop));
        all.addAll(IstioPolicies.destinationRules(shop));
        return keys(all.stream());
    }

    /** What the informers hold; Istio's kinds only while their informers run (Istio installed). */
    public static Set<String> observed(Context<ShopPlatform> context) {
        Set<String> observed = keys(context.getSecondaryResourcesAsStream(NetworkPolicy.class));
        for (Class<? extends HasMetadata> kind : List.of(PeerAuthentication.class, AuthorizationPolicy.class, DestinationRule.class)) {
            try {
                observed.addAll(keys(context.getSecondaryResourcesAsStream(kind)));
            } catch (RuntimeException e) { // no informer: Istio is not installed (or not noticed yet)
            }
        }
        return observed;
    }

    @Override
    public boolean isMet(DependentResource<NetworkPolicy, ShopPlatform> dependent, ShopPlatform primary,
            Context<ShopPlatform> context) {
        return observed(context).containsAll(expected(Shops.of(primary)));
    }

    private static Set<String> keys(Stream<? extends HasMetadata> objects) {
        return objects.map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
}
