package dev.shopfleet.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.e2e.TestImages;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A storefront routed through a Gateway API Gateway: reported as impossible while the cluster lacks the
 * Gateway API, served by an HTTPRoute as soon as it has it, without restarting the operator.
 * (Installs and removes the Gateway API CRDs with e2e/cluster/cluster, so it needs the local cluster's script.)
 */
class GatewayApiIT {
    private static KubernetesClient client;
    private static String namespace;
    private static String images;

    @BeforeAll
    static void setUp() throws Exception {
        client = TestCluster.client();
        SharedOperator.get();
        images = TestImages.standInShopImages();
        ThirdPartyCrds.remove(ThirdPartyCrds.GATEWAY_API);
        namespace = TestCluster.createNamespace(client, "gateway");
    }

    @AfterAll
    static void tearDown() throws Exception {
        ThirdPartyCrds.remove(ThirdPartyCrds.GATEWAY_API);
        TestCluster.tearDown(client, namespace);
    }

    @Test
    void aStorefrontRoutedThroughAGatewayGetsItsHttpRouteOnceTheGatewayApiIsThere() throws Exception {
        Shops.apply(client, namespace, MinimalShops.yaml("gw", images, "{}",
                "route: {host: gw.shop.test, gateway: {name: shared, namespace: gateways, sectionName: http}}"));
        Shops.awaitCondition(client, namespace, "gw", "Degraded", "True", "GatewayApiUnavailable", Duration.ofMinutes(2));
        assertThat(client.resources(Ingress.class).inNamespace(namespace).list().getItems())
                .as("no Ingress for a shop routed through a Gateway").isEmpty();

        ThirdPartyCrds.install(ThirdPartyCrds.GATEWAY_API);
        Poll.until("the storefront's HTTPRoute", Duration.ofMinutes(2),
                () -> client.resources(HTTPRoute.class).inNamespace(namespace).withName("gw-storefront").get() != null,
                () -> Shops.describe(client, namespace, "gw"));
        HTTPRoute route = client.resources(HTTPRoute.class).inNamespace(namespace).withName("gw-storefront").get();
        assertThat(route.getSpec().getHostnames()).containsExactly("gw.shop.test");
        assertThat(route.getSpec().getParentRefs()).singleElement().satisfies(parent -> {
            assertThat(parent.getName()).isEqualTo("shared");
            assertThat(parent.getNamespace()).isEqualTo("gateways");
            assertThat(parent.getSectionName()).isEqualTo("http");
        });
        assertThat(route.getSpec().getRules().get(0).getBackendRefs()).singleElement().satisfies(backend -> {
            assertThat(backend.getName()).isEqualTo("gw-storefront");
            assertThat(backend.getPort()).isEqualTo(8080);
        });
        Shops.awaitCondition(client, namespace, "gw", "Degraded", "False", null, Duration.ofMinutes(1));
        assertThat(Shops.status(client, namespace, "gw")).containsEntry("url", "http://gw.shop.test/");
    }
}
