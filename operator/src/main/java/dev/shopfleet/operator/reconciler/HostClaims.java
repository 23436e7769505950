package dev.shopfleet.operator.reconciler;

import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.HostClaim;
import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who else asks for a shop's host, from the caches: every ShopPlatform (indexed by host) and every Ingress in the
 * cluster (an informer of its own, not only the operator's). A change to either reconciles the shops that want the
 * same host, so a host that is let go is taken by the next shop at once.
 */
final class HostClaims {
    static final String ALL_INGRESSES = "all-ingresses";
    private static final String HOST_INDEX = "route-host";

    private HostClaims() {
    }

    static InformerEventSource<Ingress, ShopPlatform> eventSource(EventSourceContext<ShopPlatform> context) {
        context.getPrimaryCache().addIndexer(HOST_INDEX, shop -> host(shop).map(List::of).orElse(List.of()));
        var configuration = InformerEventSourceConfiguration.from(Ingress.class, ShopPlatform.class)
                .withName(ALL_INGRESSES)
                .withItemStore(new OwnFieldsStore<>())
                .withSecondaryToPrimaryMapper(ingress -> hosts(ingress)
                        .flatMap(host -> context.getPrimaryCache().byIndex(HOST_INDEX, host).stream())
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build();
        return new InformerEventSource<>(configuration, context);
    }

    /** The claim that holds this shop's host instead of it, if any. */
    static Optional<HostClaim> heldAgainst(Shop shop, Context<ShopPlatform> context) {
        Optional<String> host = host(shop.resource());
        if (host.isEmpty()) {
            return Optional.empty();
        }
        List<HostClaim> others = new ArrayList<>();
        for (ShopPlatform other : context.getPrimaryCache().byIndex(HOST_INDEX, host.get())) {
            if (!sameObject(other, shop.resource()) && other.getMetadata().getDeletionTimestamp() == null) {
                others.add(claim("ShopPlatform", other));
            }
        }
        ingresses(context).filter(ingress -> hosts(ingress).anyMatch(host.get()::equals))
                .filter(ingress -> !belongsToAShopIn(ingress, context))
                .forEach(ingress -> others.add(claim("Ingress", ingress)));
        return HostClaim.heldAgainst(claim("ShopPlatform", shop.resource()), others);
    }

    // An Ingress of a live shop is that shop's claim (counted above); the operator's Ingress of a shop that is gone
    // still serves the host until it is collected, so it claims it until then.
    private static boolean belongsToAShopIn(Ingress ingress, Context<ShopPlatform> context) {
        String owner = Optional.ofNullable(ingress.getMetadata().getLabels()).map(l -> l.get(Shop.LABEL_SHOP)).orElse(null);
        boolean managed = Shop.MANAGED_BY.equals(Optional.ofNullable(ingress.getMetadata().getLabels())
                .map(l -> l.get(Shop.LABEL_MANAGED_BY)).orElse(null));
        return managed && owner != null
                && context.getPrimaryCache().get(new ResourceID(owner, ingress.getMetadata().getNamespace())).isPresent();
    }

    @SuppressWarnings("unchecked")
    private static Stream<Ingress> ingresses(Context<ShopPlatform> context) {
        var source = (InformerEventSource<Ingress, ShopPlatform>) context.eventSourceRetriever()
                .getEventSourceFor(Ingress.class, ALL_INGRESSES);
        return source.list();
    }

    private static Optional<String> host(ShopPlatform shop) {
        var spec = shop.getSpec();
        return spec == null || spec.getRoute() == null ? Optional.empty() : Optional.ofNullable(spec.getRoute().getHost());
    }

    private static Stream<String> hosts(Ingress ingress) {
        if (ingress.getSpec() == null || ingress.getSpec().getRules() == null) {
            return Stream.empty();
        }
        return ingress.getSpec().getRules().stream().map(IngressRule::getHost).filter(Objects::nonNull).distinct();
    }

    private static boolean sameObject(HasMetadata a, HasMetadata b) {
        return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
                && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
    }

    private static HostClaim claim(String kind, HasMetadata object) {
        String created = object.getMetadata().getCreationTimestamp();
        return new HostClaim(kind, object.getMetadata().getNamespace(), object.getMetadata().getName(),
                created != null ? Instant.parse(created) : Instant.MAX);
    }
}
