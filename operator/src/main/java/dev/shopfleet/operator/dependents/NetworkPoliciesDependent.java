package dev.shopfleet.operator.dependents;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.EnvVarSpec;
import dev.shopfleet.operator.api.DatabaseMode;
import dev.shopfleet.operator.api.MeshMode;
import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.ShopContext;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Least-privilege traffic for the shop, from the call graph: everything is denied (both ways) for the shop's
 * pods, then each service admits exactly its enabled callers and may reach exactly its enabled callees, its own
 * database and, if it writes or reads events, the broker; each database admits only its service, the broker only the
 * services that write or read its topics. Name lookups go to the cluster DNS; the storefront admits the
 * ingress namespace, every service the monitoring namespace. Deployments and databases wait for these policies,
 * so nothing of the shop ever runs unprotected.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class NetworkPoliciesDependent extends ShopBulkDependent<NetworkPolicy> {
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    static final int DNS_PORT = 53;
    static final int DEFAULT_SMTP_PORT = 25;
    /** Outside the cluster, for egress to external databases and mail servers. */
    static final String ANYWHERE = "0.0.0.0/0";

    public NetworkPoliciesDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    protected List<NetworkPolicy> desired(Shop shop) {
        return policies(shop);
    }

    @Override
    protected List<NetworkPolicy> desired(ShopContext shop) {
        return policies(shop.shop(), shop.externalDatabasePorts(), shop.externalBroker().ports());
    }

    /** The shop's policies, as far as their names go (external databases' and broker's ports aside). */
    public static List<NetworkPolicy> policies(Shop shop) {
        return policies(shop, Map.of(), Set.of());
    }

    /**
     * The shop's policies; none unless its mesh mode is (or resolves to) networkpolicy.
     *
     * @param externalDatabasePorts the ports external databases listen on (5432 where unknown)
     * @param externalBrokerPorts the ports of an external broker's servers (none while its Secret is not valid)
     */
    public static List<NetworkPolicy> policies(Shop shop, Map<ShopService, Integer> externalDatabasePorts,
            Set<Integer> externalBrokerPorts) {
        if (shop.meshMode() != MeshMode.networkpolicy) {
            return List.of();
        }
        List<NetworkPolicy> policies = new ArrayList<>();
        policies.add(defaultDeny(shop));
        for (ShopService service : shop.enabledServices()) {
            policies.add(servicePolicy(shop, service, externalDatabasePorts.getOrDefault(service, Shop.DATABASE_PORT),
                    externalBrokerPorts));
        }
        for (ShopService service : shop.databases(DatabaseMode.managed)) {
            policies.add(new NetworkPolicyBuilder()
                    .withMetadata(metadata(shop, shop.databaseName(service), shop.labels(service, Shop.Component.database)))
                    .withNewSpec()
                    .withPodSelector(selector(shop.selectorLabels(service, Shop.Component.database)))
                    .withPolicyTypes("Ingress", "Egress")
                    .withIngress(ingress(List.of(pods(shop, service)), Shop.DATABASE_PORT))
                    .endSpec()
                    .build());
        }
        if (shop.usesBroker()) {
            policies.add(new NetworkPolicyBuilder()
                    .withMetadata(metadata(shop, shop.brokerName(), shop.brokerLabels()))
                    .withNewSpec()
                    .withPodSelector(selector(shop.brokerSelectorLabels()))
                    .withPolicyTypes("Ingress", "Egress")
                    .withIngress(ingress(shop.brokerClients().stream().map(c -> pods(shop, c)).toList(), BrokerContract.CLIENT_PORT))
                    .endSpec()
                    .build());
        }
        return policies;
    }

    /** Nothing in or out for any of the shop's pods but name lookups; the other policies add what is allowed. */
    static String defaultDenyName(Shop shop) {
        return shop.name() + "-default-deny";
    }

    private static NetworkPolicy defaultDeny(Shop shop) {
        NetworkPolicyPeer dns = new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(selector(Map.of(NAMESPACE_NAME_LABEL, "kube-system")))
                .withPodSelector(selector(Map.of("k8s-app", "kube-dns")))
                .build();
        return new NetworkPolicyBuilder()
                .withMetadata(metadata(shop, defaultDenyName(shop), shop.shopLabels()))
                .withNewSpec()
                .withPodSelector(selector(Map.of(Shop.LABEL_SHOP, shop.name())))
                .withPolicyTypes("Ingress", "Egress")
                // 53, or the DNS pods' named ports wherever they listen (the local cluster's CoreDNS: 1053)
                .withEgress(new NetworkPolicyEgressRuleBuilder().withTo(dns)
                        .withPorts(port("UDP", DNS_PORT), port("TCP", DNS_PORT), namedPort("UDP", "dns"), namedPort("TCP", "dns-tcp"))
                        .build())
                .endSpec()
                .build();
    }

    private static NetworkPolicy servicePolicy(Shop shop, ShopService service, int externalDatabasePort,
            Set<Integer> externalBrokerPorts) {
        List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
        List<NetworkPolicyPeer> callers = service.callers().stream().filter(shop::isEnabled).map(c -> pods(shop, c)).toList();
        if (!callers.isEmpty()) {
            ingress.add(ingress(callers, ShopContract.HTTP_PORT));
        }
        if (service.isGateway()) {
            // shoppers arrive through the ingress controller; without its namespace, from anywhere
            ingress.add(shop.ingressNamespace()
                    .map(ns -> ingress(List.of(namespace(ns)), ShopContract.HTTP_PORT))
                    .orElseGet(() -> new NetworkPolicyIngressRuleBuilder().withPorts(port("TCP", ShopContract.HTTP_PORT)).build()));
        }
        shop.monitoringNamespace().ifPresent(ns -> ingress.add(ingress(List.of(namespace(ns)), ShopContract.HTTP_PORT)));
        if (service.keepsDeadLetters()) { // the operator reads what was set aside from /health
            shop.operatorNamespace()
                    .ifPresent(ns -> ingress.add(ingress(List.of(namespace(ns)), ShopContract.HTTP_PORT)));
        }

        List<NetworkPolicyEgressRule> egress = new ArrayList<>();
        List<NetworkPolicyPeer> callees = service.calls().stream().filter(shop::isEnabled).map(c -> pods(shop, c)).toList();
        if (!callees.isEmpty()) {
            egress.add(egress(callees, ShopContract.HTTP_PORT));
        }
        if (service.ownsDatabase()) {
            egress.add(shop.database(service).getMode() == DatabaseMode.managed
                    ? egress(List.of(new NetworkPolicyPeerBuilder()
                            .withPodSelector(selector(shop.selectorLabels(service, Shop.Component.database))).build()), Shop.DATABASE_PORT)
                    : egress(List.of(outside()), externalDatabasePort));
        }
        if (shop.usesBroker() && shop.brokerClients().contains(service)) {
            egress.add(egress(List.of(new NetworkPolicyPeerBuilder().withPodSelector(selector(shop.brokerSelectorLabels()))
                    .build()), BrokerContract.CLIENT_PORT));
        }
        if (shop.usesExternalBroker() && shop.brokerClients().contains(service) && !externalBrokerPorts.isEmpty()) {
            egress.add(new NetworkPolicyEgressRuleBuilder().withTo(outside())
                    .withPorts(externalBrokerPorts.stream().sorted().map(p -> port("TCP", p)).toList()).build());
        }
        if (service.sendsMail()) {
            egress.add(egress(List.of(outside()), smtpPort(shop, service)));
        }
        shop.tracing().ifPresent(t -> egress.add(egress(List.of(namespace(t.getNamespace())), t.port())));
        return new NetworkPolicyBuilder()
                .withMetadata(metadata(shop, shop.objectName(service), shop.labels(service, Shop.Component.service)))
                .withNewSpec()
                .withPodSelector(selector(shop.selectorLabels(service, Shop.Component.service)))
                .withPolicyTypes("Ingress", "Egress")
                .withIngress(ingress)
                .withEgress(egress)
                .endSpec()
                .build();
    }

    /** The mail server's port as the shop configures the service that sends mail (SHOP_SMTP_PORT), else 25. */
    static int smtpPort(Shop shop, ShopService sender) {
        return shop.serviceSpec(sender).getEnv().stream()
                .filter(e -> ShopContract.ENV_SMTP_PORT.equals(e.getName()) && e.getValue() != null)
                .map(EnvVarSpec::getValue).filter(v -> v.matches("[0-9]{1,5}")).map(Integer::parseInt)
                .findFirst().orElse(DEFAULT_SMTP_PORT);
    }

    private static NetworkPolicyPeer pods(Shop shop, ShopService service) {
        return new NetworkPolicyPeerBuilder().withPodSelector(selector(shop.selectorLabels(service, Shop.Component.service))).build();
    }

    private static NetworkPolicyPeer namespace(String name) {
        return new NetworkPolicyPeerBuilder().withNamespaceSelector(selector(Map.of(NAMESPACE_NAME_LABEL, name))).build();
    }

    private static NetworkPolicyPeer outside() {
        return new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(ANYWHERE).endIpBlock().build();
    }

    private static NetworkPolicyIngressRule ingress(List<NetworkPolicyPeer> from, int port) {
        return new NetworkPolicyIngressRuleBuilder().withFrom(from).withPorts(port("TCP", port)).build();
    }

    private static NetworkPolicyEgressRule egress(List<NetworkPolicyPeer> to, int port) {
        return new NetworkPolicyEgressRuleBuilder().withTo(to).withPorts(port("TCP", port)).build();
    }

    private static NetworkPolicyPort port(String protocol, int port) {
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(port)).build();
    }

    private static NetworkPolicyPort namedPort(String protocol, String name) {
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(name)).build();
    }

    private static LabelSelector selector(Map<String, String> labels) {
        return new LabelSelectorBuilder().withMatchLabels(labels).build();
    }
}
