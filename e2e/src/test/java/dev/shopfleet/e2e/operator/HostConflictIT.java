package dev.shopfleet.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A host belongs to one shop: the first to ask for it. A later shop asking for the same host, in any namespace, or for
 * a host an Ingress not the operator's already serves, gets no route and says who holds it; once the holder lets go,
 * the next shop takes the host without anyone touching it.
 */
class HostConflictIT {
    private static final Duration READY = Duration.ofMinutes(4);
    private static KubernetesClient client;
    private static String first;
    private static String second;
    private static String legacy;
    private static String images;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        SharedOperator.get();
        images = TestImages.standInShopImages();
        first = TestCluster.createNamespace(client, "host-a");
        second = TestCluster.createNamespace(client, "host-b");
        legacy = TestCluster.createNamespace(client, "host-legacy");
    }

    @AfterAll
    static void tearDown() {
        client.namespaces().withName(second).delete();
        client.namespaces().withName(legacy).delete();
        TestCluster.tearDown(client, first);
    }

    @Test
    void theFirstShopKeepsItsHostTheSecondIsDegradedUntilTheFirstIsGone() {
        String host = "shared-" + first + ".shop.test";
        Shops.apply(client, first, shop("tea", host));
        Shops.awaitReady(client, first, "tea", READY);
        Ingress held = client.network().v1().ingresses().inNamespace(first).withName("tea-storefront").get();
        assertThat(held.getSpec().getRules().get(0).getHost()).isEqualTo(host);

        Shops.apply(client, second, shop("copy", host));
        Shops.awaitCondition(client, second, "copy", "Degraded", "True", "HostConflict", READY);
        assertThat(Shops.condition(client, second, "copy", "Degraded").orElseThrow().get("message").toString())
                .contains(host, "ShopPlatform " + first + "/tea");
        assertThat(client.network().v1().ingresses().inNamespace(second).withName("copy-storefront").get())
                .as("no Ingress for a host another shop holds").isNull();
        assertThat(client.network().v1().ingresses().inNamespace(first).withName("tea-storefront").get().getMetadata()
                .getResourceVersion()).as("the holder's Ingress is left alone").isEqualTo(held.getMetadata().getResourceVersion());
        assertThat(Shops.hasCondition(client, first, "tea", "Degraded", "False", null)).isTrue();

        Shops.shop(client, first, "tea").delete();
        Poll.until("the second shop to take the host", READY,
                () -> client.network().v1().ingresses().inNamespace(second).withName("copy-storefront").get() != null,
                () -> Shops.describe(client, second, "copy"));
        Shops.awaitCondition(client, second, "copy", "Degraded", "False", null, READY);
    }

    @Test
    void anIngressThatIsNotTheOperatorsHoldsItsHost() {
        String host = "legacy-" + legacy + ".shop.test";
        client.resource(new IngressBuilder()
                .withNewMetadata().withName("legacy").withNamespace(legacy).endMetadata()
                .withNewSpec().addNewRule().withHost(host).withNewHttp().addNewPath().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName("legacy").withNewPort().withNumber(80).endPort().endService()
                .endBackend().endPath().endHttp().endRule().endSpec()
                .build()).create();
        Shops.apply(client, legacy, shop("newcomer", host));
        Shops.awaitCondition(client, legacy, "newcomer", "Degraded", "True", "HostConflict", READY);
        assertThat(Shops.condition(client, legacy, "newcomer", "Degraded").orElseThrow().get("message").toString())
                .contains("Ingress " + legacy + "/legacy");
        assertThat(client.network().v1().ingresses().inNamespace(legacy).withName("newcomer-storefront").get()).isNull();

        client.network().v1().ingresses().inNamespace(legacy).withName("legacy").delete();
        Poll.until("the shop to take the host once the Ingress is gone", READY,
                () -> client.network().v1().ingresses().inNamespace(legacy).withName("newcomer-storefront").get() != null,
                () -> Shops.describe(client, legacy, "newcomer"));
    }

    private static String shop(String name, String host) {
        return MinimalShops.yaml(name, images, "{}", "route: {host: " + host + "}\ndeletionPolicy: Delete");
    }
}
