package dev.shopfleet.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.operator.api.EnvVarSpec;
import dev.shopfleet.operator.api.GatewayReference;
import dev.shopfleet.operator.api.MeshMode;
import dev.shopfleet.operator.api.MessagingMode;
import dev.shopfleet.operator.api.RouteSpec;
import dev.shopfleet.operator.reconciler.ExternalDatabases;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.TestShops;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The call graph turned into NetworkPolicies, for several shapes of shop. */
class NetworkPoliciesTest {

    @Test
    void aFullShopDeniesEverythingButTheCallGraphsEdges() {
        Map<String, NetworkPolicy> policies = byName(TestShops.shop());
        assertThat(policies).hasSize(1 + 8 + 7 + 1); // default deny, one per service, one per managed database, the broker

        NetworkPolicy deny = policies.get("demo-default-deny");
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isEqualTo(Map.of(Shop.LABEL_SHOP, "demo"));
        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isEmpty();
        assertThat(deny.getSpec().getEgress()).singleElement().satisfies(dns -> {
            assertThat(dns.getTo()).singleElement().satisfies(p -> assertThat(p.getPodSelector().getMatchLabels())
                    .isEqualTo(Map.of("k8s-app", "kube-dns")));
            assertThat(ports(dns.getPorts())).containsExactlyInAnyOrder("UDP/53", "TCP/53", "UDP/dns", "TCP/dns-tcp");
        });

        NetworkPolicy payments = policies.get("demo-payments");
        assertThat(callers(payments)).containsExactly("orders");
        assertThat(callees(payments)).as("payments calls nobody").isEmpty();
        assertThat(databasePeers(payments)).containsExactly("payments-db");

        NetworkPolicy cart = policies.get("demo-cart");
        assertThat(callers(cart)).containsExactlyInAnyOrder("storefront", "orders");
        assertThat(callees(cart)).as("cart cannot call payments").containsExactlyInAnyOrder("catalog", "users");

        NetworkPolicy orders = policies.get("demo-orders");
        assertThat(callees(orders)).containsExactlyInAnyOrder("users", "cart", "inventory", "payments", "notifications");
        assertThat(callers(orders)).containsExactly("storefront");

        for (ShopService service : ShopService.values()) {
            if (service.ownsDatabase()) {
                NetworkPolicy db = policies.get("demo-" + service.id() + "-db");
                assertThat(db.getSpec().getPodSelector().getMatchLabels()).containsEntry(Shop.LABEL_NAME, service.id() + "-db");
                assertThat(peerNames(db.getSpec().getIngress().get(0).getFrom())).as(service.id() + "'s database")
                        .containsExactly(service.id());
                assertThat(ports(db.getSpec().getIngress().get(0).getPorts())).containsExactly("TCP/5432");
                assertThat(db.getSpec().getEgress()).as("a database calls nobody").isEmpty();
            }
        }

        NetworkPolicy broker = policies.get("demo-broker");
        assertThat(broker.getSpec().getPodSelector().getMatchLabels()).containsEntry(Shop.LABEL_NAME, "broker");
        assertThat(brokerPeers(broker.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream()).toList(),
                broker.getSpec().getIngress().get(0).getPorts())).as("only who writes or reads its topics")
                .containsExactlyInAnyOrder("orders", "notifications", "catalog");
        assertThat(broker.getSpec().getEgress()).as("the broker calls nobody").isEmpty();
        for (ShopService service : ShopService.values()) {
            assertThat(brokerEgress(policies.get("demo-" + service.id()))).as(service.id() + " reaches the broker")
                    .isEqualTo(ShopTopic.clients().contains(service));
        }
    }

    @Test
    void withoutABrokerNoPolicyMentionsIt() {
        Map<String, NetworkPolicy> policies = byName(TestShops.shop(r -> r.getSpec().getMessaging().setMode(MessagingMode.none)));
        assertThat(policies).doesNotContainKey("demo-broker").hasSize(1 + 8 + 7);
        assertThat(policies.values()).noneMatch(NetworkPoliciesTest::brokerEgress);
    }

    @Test
    void everyRuleStaysInsideTheShopsOwnNamespaceAndInstance() {
        for (NetworkPolicy policy : NetworkPoliciesDependent.policies(TestShops.shop())) {
            assertThat(policy.getMetadata().getNamespace()).isEqualTo("shops");
            List<NetworkPolicyPeer> peers = new java.util.ArrayList<>();
            policy.getSpec().getIngress().forEach(r -> peers.addAll(r.getFrom()));
            policy.getSpec().getEgress().forEach(r -> peers.addAll(r.getTo()));
            peers.stream().filter(p -> p.getPodSelector() != null && p.getNamespaceSelector() == null)
                    .forEach(p -> assertThat(p.getPodSelector().getMatchLabels()).as(policy.getMetadata().getName())
                            .containsEntry(Shop.LABEL_INSTANCE, "demo"));
        }
    }

    @Test
    void aMinimalShopHasOnlyTheEdgesItsServicesUse() {
        Shop minimal = TestShops.shop(r -> {
            var s = r.getSpec().getServices();
            for (var disabled : List.of(s.getUsers(), s.getCart(), s.getOrders(), s.getPayments(), s.getInventory(),
                    s.getNotifications())) {
                disabled.setEnabled(false);
            }
        });
        Map<String, NetworkPolicy> policies = byName(minimal);
        assertThat(policies.keySet()).containsExactlyInAnyOrder("demo-default-deny", "demo-storefront", "demo-catalog",
                "demo-catalog-db");
        assertThat(callees(policies.get("demo-storefront"))).containsExactly("catalog");
        assertThat(callers(policies.get("demo-catalog"))).containsExactly("storefront");
        assertThat(callees(policies.get("demo-catalog"))).as("users is disabled").isEmpty();
    }

    @Test
    void disablingAServiceRemovesItsPoliciesAndItsEdges() {
        Map<String, NetworkPolicy> policies = byName(TestShops.shop(r -> r.getSpec().getServices().getNotifications().setEnabled(false)));
        assertThat(policies).doesNotContainKeys("demo-notifications", "demo-notifications-db").hasSize(1 + 7 + 6 + 1);
        assertThat(callees(policies.get("demo-orders"))).doesNotContain("notifications");
        assertThat(peerNames(policies.get("demo-broker").getSpec().getIngress().get(0).getFrom()))
                .as("the broker admits orders and catalog").containsExactlyInAnyOrder("orders", "catalog");
    }

    @Test
    void theStorefrontAdmitsTheIngressNamespaceAndEveryServiceTheMonitoringNamespace() {
        NetworkPolicy open = byName(TestShops.shop()).get("demo-storefront");
        assertThat(open.getSpec().getIngress()).anySatisfy(rule -> {
            assertThat(rule.getFrom()).as("no ingress namespace given: from anywhere").isEmpty();
            assertThat(ports(rule.getPorts())).containsExactly("TCP/8080");
        });

        Map<String, NetworkPolicy> policies = byName(TestShops.shop(r -> {
            r.getSpec().getMesh().setIngressNamespace("traefik");
            r.getSpec().getMesh().setMonitoringNamespace("monitoring");
        }));
        assertThat(namespaces(policies.get("demo-storefront"))).containsExactlyInAnyOrder("traefik", "monitoring");
        assertThat(namespaces(policies.get("demo-payments"))).containsExactly("monitoring");
        assertThat(namespaces(policies.get("demo-orders"))).as("the operator reads what orders set aside")
                .containsExactlyInAnyOrder("monitoring", "shopfleet-system");
        assertThat(policies.get("demo-storefront").getSpec().getIngress()).allSatisfy(rule -> assertThat(rule.getFrom()).isNotEmpty());

        Shop viaGateway = TestShops.shop(r -> {
            RouteSpec route = new RouteSpec();
            route.setHost("shop.example.com");
            GatewayReference gateway = new GatewayReference();
            gateway.setName("shared");
            gateway.setNamespace("gateways");
            route.setGateway(gateway);
            r.getSpec().setRoute(route);
        });
        assertThat(namespaces(byName(viaGateway).get("demo-storefront"))).containsExactly("gateways");
    }

    @Test
    void externalDatabasesAndTheMailServerAreReachedOnTheirPortOnly() {
        Map<String, NetworkPolicy> policies = byName(TestShops.shop(r -> {
            TestShops.externalDatabase(r, ShopService.PAYMENTS, "payments-pg");
            r.getSpec().getServices().getNotifications().getEnv().add(new EnvVarSpec(ShopContract.ENV_SMTP_PORT, "2525"));
        }));
        assertThat(policies).doesNotContainKey("demo-payments-db");
        assertThat(policies.get("demo-payments").getSpec().getEgress()).singleElement().satisfies(rule -> {
            assertThat(rule.getTo()).singleElement().satisfies(p -> assertThat(p.getIpBlock().getCidr()).isEqualTo("0.0.0.0/0"));
            assertThat(ports(rule.getPorts())).containsExactly("TCP/5432");
        });
        assertThat(policies.get("demo-notifications").getSpec().getEgress()).anySatisfy(rule -> {
            assertThat(rule.getTo()).singleElement().satisfies(p -> assertThat(p.getIpBlock()).isNotNull());
            assertThat(ports(rule.getPorts())).containsExactly("TCP/2525");
        });
    }

    @Test
    void anExternalBrokersClientsReachItsPortsOutsideAndNobodyElseDoes() {
        Shop shop = TestShops.shop(r -> TestShops.externalBroker(r, "platform-kafka"));
        Map<String, NetworkPolicy> policies = NetworkPoliciesDependent.policies(shop, Map.of(), Set.of(9093, 9094)).stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
        assertThat(policies).as("no broker of its own").doesNotContainKey("demo-broker");
        for (ShopService service : shop.enabledServices()) {
            boolean reaches = policies.get("demo-" + service.id()).getSpec().getEgress().stream()
                    .anyMatch(rule -> ports(rule.getPorts()).equals(List.of("TCP/9093", "TCP/9094")));
            assertThat(reaches).as(service.id() + " reaches the external broker").isEqualTo(shop.brokerClients().contains(service));
        }
    }

    @Test
    void anExternalDatabaseIsReachedOnThePortItsSecretNames() {
        Shop shop = TestShops.shop(r -> {
            TestShops.externalDatabase(r, ShopService.PAYMENTS, "payments-pg");
        });
        NetworkPolicy payments = NetworkPoliciesDependent.policies(shop, Map.of(ShopService.PAYMENTS, 6432), Set.of()).stream()
                .filter(p -> p.getMetadata().getName().equals("demo-payments")).findFirst().orElseThrow();
        assertThat(payments.getSpec().getEgress()).singleElement()
                .satisfies(rule -> assertThat(ports(rule.getPorts())).containsExactly("TCP/6432"));
        Secret secret = new SecretBuilder().withData(Map.of(ShopContract.SECRET_PORT,
                Base64.getEncoder().encodeToString("6432".getBytes(StandardCharsets.UTF_8)))).build();
        assertThat(ExternalDatabases.ports(shop, name -> name.equals("payments-pg") ? secret : null))
                .containsExactly(Map.entry(ShopService.PAYMENTS, 6432));
        assertThat(ExternalDatabases.ports(shop, name -> null)).as("no Secret: no port, the shop waits for it").isEmpty();
    }

    @Test
    void modeNoneAppliesNoPolicyAndAutoMeansNetworkPolicy() {
        assertThat(NetworkPoliciesDependent.policies(TestShops.shop(r -> r.getSpec().getMesh().setMode(MeshMode.none)))).isEmpty();
        assertThat(TestShops.shop().meshMode()).isEqualTo(MeshMode.networkpolicy);
        assertThat(NetworkPoliciesDependent.policies(TestShops.shop(r -> r.getSpec().getMesh().setMode(MeshMode.networkpolicy))))
                .hasSize(17);
    }

    private static Map<String, NetworkPolicy> byName(Shop shop) {
        return NetworkPoliciesDependent.policies(shop).stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), Function.identity()));
    }

    /** The services whose pods may connect to the policy's pods on the service port. */
    private static Set<String> callers(NetworkPolicy policy) {
        return policy.getSpec().getIngress().stream().filter(r -> ports(r.getPorts()).contains("TCP/8080"))
                .flatMap(r -> peerNames(r.getFrom()).stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> callees(NetworkPolicy policy) {
        return policy.getSpec().getEgress().stream().filter(r -> ports(r.getPorts()).contains("TCP/8080"))
                .flatMap(r -> peerNames(r.getTo()).stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> databasePeers(NetworkPolicy policy) {
        return policy.getSpec().getEgress().stream().filter(r -> ports(r.getPorts()).contains("TCP/5432"))
                .flatMap(r -> peerNames(r.getTo()).stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The policy lets its pods connect to the shop's broker on the client port. */
    private static boolean brokerEgress(NetworkPolicy policy) {
        return policy.getSpec().getEgress().stream().anyMatch(r -> ports(r.getPorts()).contains("TCP/9092")
                && peerNames(r.getTo()).contains("broker"));
    }

    private static List<String> brokerPeers(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
        assertThat(ports(ports)).containsExactly("TCP/9092");
        return peerNames(peers);
    }

    private static Set<String> namespaces(NetworkPolicy policy) {
        return policy.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream())
                .filter(p -> p.getNamespaceSelector() != null)
                .map(p -> p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> peerNames(Collection<NetworkPolicyPeer> peers) {
        return peers.stream().filter(p -> p.getPodSelector() != null && p.getNamespaceSelector() == null)
                .map(p -> p.getPodSelector().getMatchLabels().get(Shop.LABEL_NAME)).toList();
    }

    private static List<String> ports(List<NetworkPolicyPort> ports) {
        return ports.stream().map(p -> p.getProtocol() + "/" + (p.getPort().getIntVal() != null ? p.getPort().getIntVal()
                : p.getPort().getStrVal())).toList();
    }
}
