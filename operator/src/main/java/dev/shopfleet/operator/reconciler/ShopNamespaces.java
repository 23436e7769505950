package dev.shopfleet.operator.reconciler;

import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.OwnFieldsStore;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shops' namespaces, from a cache rather than a read per reconciliation (a fleet's resync would otherwise read
 * every namespace again): whether one is being deleted, and the Pod Security it enforces. A change to a namespace (its
 * labels, its deletion) reconciles the shops in it at once.
 */
final class ShopNamespaces {
    static final String NAME = "namespaces";

    private ShopNamespaces() {
    }

    static InformerEventSource<Namespace, ShopPlatform> eventSource(EventSourceContext<ShopPlatform> context) {
        var configuration = InformerEventSourceConfiguration.from(Namespace.class, ShopPlatform.class)
                .withName(NAME)
                .withItemStore(new OwnFieldsStore<>())
                .withWatchAllNamespaces() // namespaces are cluster-scoped: one informer, whatever the shops' namespaces
                .withSecondaryToPrimaryMapper(namespace -> context.getPrimaryCache().list(namespace.getMetadata().getName())
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((ShopPlatform shop) -> Set.of(new ResourceID(shop.getMetadata().getNamespace())))
                .build();
        return new InformerEventSource<>(configuration, context);
    }

    /** The shop's namespace as the cache has it; empty until the cache has seen it (its arrival reconciles the shop). */
    @SuppressWarnings("unchecked")
    static Optional<Namespace> of(ShopPlatform shop, Context<ShopPlatform> context) {
        var source = (InformerEventSource<Namespace, ShopPlatform>) context.eventSourceRetriever()
                .getEventSourceFor(Namespace.class, NAME);
        return source.get(new ResourceID(shop.getMetadata().getNamespace()));
    }
}
