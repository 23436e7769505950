package dev.shopfleet.operator.dependents;

import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shop's policy objects of whichever mode is in force, as "Kind/name": what should exist, and which of those
 * the informers do not hold yet. The databases and Deployments wait until none is missing (see
 * {@link MeshPoliciesInPlaceCondition}), so nothing runs unprotected.
 */
public final class MeshPolicies {
    private static final List<Class<? extends HasMetadata>> ISTIO_KINDS =
            List.of(PeerAuthentication.class, AuthorizationPolicy.class, DestinationRule.class);

    private MeshPolicies() {
    }

    public static Set<String> expected(Shop shop) {
        List<HasMetadata> all = new ArrayList<>(NetworkPoliciesDependent.policies(shop));
        all.addAll(IstioPolicies.peerAuthentications(shop));
        all.addAll(IstioPolicies.authorizationPolicies(shop));
        all.addAll(IstioPolicies.destinationRules(shop));
        return keys(all.stream());
    }

    /** The expected policies the informers do not hold yet. */
    public static Set<String> missing(Shop shop, Context<ShopPlatform> context) {
        Set<String> missing = expected(shop);
        missing.removeAll(observed(shop, context));
        return missing;
    }

    // Istio's kinds have informers only while the cluster has Istio (their dependents' activation condition).
    private static Set<String> observed(Shop shop, Context<ShopPlatform> context) {
        Set<String> observed = keys(context.getSecondaryResourcesAsStream(NetworkPolicy.class));
        if (shop.capabilities().istio()) {
            for (Class<? extends HasMetadata> kind : ISTIO_KINDS) {
                if (!context.eventSourceRetriever().getEventSourcesFor(kind).isEmpty()) {
                    observed.addAll(keys(context.getSecondaryResourcesAsStream(kind)));
                }
            }
        }
        return observed;
    }

    private static Set<String> keys(Stream<? extends HasMetadata> objects) {
        return objects.map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new));
    }
}
