package dev.shopfleet.operator.dependents;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.DatabaseMode;
import dev.shopfleet.operator.api.MeshMode;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsTCPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetection;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicyAction;
import io.fabric8.istio.api.api.security.v1beta1.Operation;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLS;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLSMode;
import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.api.security.v1beta1.RuleFrom;
import io.fabric8.istio.api.api.security.v1beta1.RuleTo;
import io.fabric8.istio.api.api.security.v1beta1.Source;
import io.fabric8.istio.api.api.type.v1beta1.WorkloadSelector;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shop's policy in Istio's terms, from the call graph: STRICT mutual TLS for every workload of the shop, an
 * allow-nothing AuthorizationPolicy that denies by default, one ALLOW policy per service admitting exactly its
 * callers' identities (their ServiceAccounts), per database only its service, the broker only its clients, and a DestinationRule per
 * service with connection limits and outlier detection. Kubelet probes keep working under STRICT mTLS because
 * Istio's injector rewrites them to the sidecar's agent. Empty unless the shop's mesh mode is istio.
 */
public final class IstioPolicies {
    static final int MAX_CONNECTIONS = 100;
    static final int MAX_PENDING_REQUESTS = 64;

    private IstioPolicies() {
    }

    public static List<PeerAuthentication> peerAuthentications(Shop shop) {
        if (shop.meshMode() != MeshMode.istio) {
            return List.of();
        }
        PeerAuthentication strict = new PeerAuthentication();
        strict.setMetadata(ShopBulkDependent.metadata(shop, shop.name() + "-mtls", shop.shopLabels()));
        var spec = new io.fabric8.istio.api.api.security.v1beta1.PeerAuthentication();
        spec.setSelector(selector(Map.of(Shop.LABEL_SHOP, shop.name())));
        PeerAuthenticationMutualTLS mtls = new PeerAuthenticationMutualTLS();
        mtls.setMode(PeerAuthenticationMutualTLSMode.STRICT);
        spec.setMtls(mtls);
        strict.setSpec(spec);
        return List.of(strict);
    }

    public static List<AuthorizationPolicy> authorizationPolicies(Shop shop) {
        if (shop.meshMode() != MeshMode.istio) {
            return List.of();
        }
        List<AuthorizationPolicy> policies = new ArrayList<>();
        // An ALLOW policy without rules matches nothing: every request the others do not allow is denied.
        policies.add(policy(shop, allowNothingName(shop), shop.shopLabels(), Map.of(Shop.LABEL_SHOP, shop.name()), List.of()));
        for (ShopService service : shop.enabledServices()) {
            List<Rule> rules = new ArrayList<>();
            List<String> callers = service.callers().stream().filter(shop::isEnabled).map(shop::principal).toList();
            if (!callers.isEmpty()) {
                rules.add(rule(principals(callers), ShopContract.HTTP_PORT, null));
            }
            if (service.isGateway()) {
                rules.add(rule(principals(List.of(shop.ingressGatewayPrincipal())), ShopContract.HTTP_PORT, null));
            }
            shop.monitoringNamespace().ifPresent(ns -> {
                Source source = new Source();
                source.setNamespaces(List.of(ns));
                rules.add(rule(source, ShopContract.HTTP_PORT, ShopContract.METRICS_PATH));
            });
            policies.add(policy(shop, shop.objectName(service), shop.labels(service, Shop.Component.service),
                    shop.selectorLabels(service, Shop.Component.service), rules));
        }
        for (ShopService service : shop.databases(DatabaseMode.managed)) {
            policies.add(policy(shop, shop.databaseName(service), shop.labels(service, Shop.Component.database),
                    shop.selectorLabels(service, Shop.Component.database),
                    List.of(rule(principals(List.of(shop.principal(service))), Shop.DATABASE_PORT, null))));
        }
        if (shop.usesBroker()) {
            policies.add(policy(shop, shop.brokerName(), shop.brokerLabels(), shop.brokerSelectorLabels(), List.of(rule(
                    principals(shop.brokerClients().stream().map(shop::principal).toList()), BrokerContract.CLIENT_PORT, null))));
        }
        return policies;
    }

    public static List<DestinationRule> destinationRules(Shop shop) {
        if (shop.meshMode() != MeshMode.istio) {
            return List.of();
        }
        List<DestinationRule> rules = new ArrayList<>();
        for (ShopService service : shop.enabledServices()) {
            var spec = new io.fabric8.istio.api.api.networking.v1alpha3.DestinationRule();
            spec.setHost(shop.objectName(service) + "." + shop.namespace() + ".svc.cluster.local");
            TrafficPolicy traffic = new TrafficPolicy();
            ClientTLSSettings tls = new ClientTLSSettings();
            tls.setMode(ClientTLSSettingsTLSmode.ISTIO_MUTUAL);
            traffic.setTls(tls);
            ConnectionPoolSettings pool = new ConnectionPoolSettings();
            ConnectionPoolSettingsTCPSettings tcp = new ConnectionPoolSettingsTCPSettings();
            tcp.setMaxConnections(MAX_CONNECTIONS);
            tcp.setConnectTimeout("1s");
            pool.setTcp(tcp);
            ConnectionPoolSettingsHTTPSettings http = new ConnectionPoolSettingsHTTPSettings();
            http.setHttp1MaxPendingRequests(MAX_PENDING_REQUESTS);
            pool.setHttp(http);
            traffic.setConnectionPool(pool);
            // A pod answering 5xx five times in a row sits out for 30 s (at most half of them at once).
            OutlierDetection outliers = new OutlierDetection();
            outliers.setConsecutive5xxErrors(5);
            outliers.setInterval("10s");
            outliers.setBaseEjectionTime("30s");
            outliers.setMaxEjectionPercent(50);
            traffic.setOutlierDetection(outliers);
            spec.setTrafficPolicy(traffic);
            DestinationRule rule = new DestinationRule();
            rule.setMetadata(ShopBulkDependent.metadata(shop, shop.objectName(service), shop.labels(service, Shop.Component.service)));
            rule.setSpec(spec);
            rules.add(rule);
        }
        return rules;
    }

    static String allowNothingName(Shop shop) {
        return shop.name() + "-allow-nothing";
    }

    private static AuthorizationPolicy policy(Shop shop, String name, Map<String, String> labels, Map<String, String> selects,
                                              List<Rule> rules) {
        var spec = new io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy();
        spec.setSelector(selector(selects));
        spec.setAction(AuthorizationPolicyAction.ALLOW);
        spec.setRules(rules);
        AuthorizationPolicy policy = new AuthorizationPolicy();
        policy.setMetadata(ShopBulkDependent.metadata(shop, name, labels));
        policy.setSpec(spec);
        return policy;
    }

    private static Source principals(List<String> principals) {
        Source source = new Source();
        source.setPrincipals(principals);
        return source;
    }

    private static Rule rule(Source source, int port, String path) {
        RuleFrom from = new RuleFrom();
        from.setSource(source);
        Operation operation = new Operation();
        operation.setPorts(List.of(Integer.toString(port)));
        if (path != null) {
            operation.setPaths(List.of(path));
        }
        RuleTo to = new RuleTo();
        to.setOperation(operation);
        Rule rule = new Rule();
        rule.setFrom(List.of(from));
        rule.setTo(List.of(to));
        return rule;
    }

    private static WorkloadSelector selector(Map<String, String> labels) {
        WorkloadSelector selector = new WorkloadSelector();
        selector.setMatchLabels(labels);
        return selector;
    }
}
