package dev.shopfleet.operator.shop;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.DatabaseMode;
import dev.shopfleet.operator.api.DatabaseServiceSpec;
import dev.shopfleet.operator.api.DatabaseSpec;
import dev.shopfleet.operator.api.MessagingMode;
import dev.shopfleet.operator.api.ShopPlatform;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Optional;
import java.util.function.Consumer;

/** ShopPlatforms for unit tests, as the API server would hand them over (with a uid and generation). */
public final class TestShops {
    public static final OperatorDefaults DEFAULTS =
            new OperatorDefaults("registry.test/shopfleet", "1.0.0", "registry.test/postgres:15", Optional.of("shopfleet-system"));

    private TestShops() {
    }

    public static Shop shop(Consumer<ShopPlatform> customize) {
        return shop(customize, Capabilities.NONE);
    }

    public static Shop shop(Consumer<ShopPlatform> customize, Capabilities capabilities) {
        ShopPlatform resource = new ShopPlatform();
        resource.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace("shops").withUid("uid-1")
                .withGeneration(3L).build());
        customize.accept(resource);
        return new Shop(resource, DEFAULTS, capabilities);
    }

    /** Makes {@code service} of a shop use the external database its Secret {@code secretName} describes. */
    public static void externalDatabase(ShopPlatform resource, ShopService service, String secretName) {
        DatabaseSpec external = new DatabaseSpec();
        external.setMode(DatabaseMode.external);
        external.setSecretName(secretName);
        ((DatabaseServiceSpec) resource.getSpec().getServices().get(service)).setDatabase(external);
    }

    /** The shop on a cluster with Istio's CRDs. */
    /** The shop's events through the external Kafka the Secret {@code secretName} describes. */
    public static void externalBroker(ShopPlatform resource, String secretName) {
        resource.getSpec().getMessaging().setMode(MessagingMode.external);
        resource.getSpec().getMessaging().setSecretName(secretName);
    }

    public static Shop onIstio(Shop shop) {
        return new Shop(shop.resource(), DEFAULTS, new Capabilities(true, false, java.util.Optional.empty(), java.util.Optional.empty()));
    }

    public static Shop shop() {
        return shop(r -> { });
    }
}
