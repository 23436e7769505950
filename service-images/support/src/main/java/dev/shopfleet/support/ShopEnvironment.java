package dev.shopfleet.support;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the environment the operator sets (the contract's variables) into Micronaut configuration. This
 * is the only place a service reads the contract's variables, so an image cannot drift from the operator.
 * What the shop's owner typed is not configuration: {@link ShopSettings} keeps it as data.
 */
public final class ShopEnvironment {
    /** Only for running several services on one host (tests, benchmarks): pods always use the contract's port. */
    public static final String ENV_PORT_OVERRIDE = "SHOP_HTTP_PORT";

    private ShopEnvironment() {
    }

    public static Map<String, Object> properties(ShopService self, Map<String, String> env) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("micronaut.application.name", self.id());
        p.put("micronaut.server.port", env.getOrDefault(ENV_PORT_OVERRIDE, Integer.toString(ShopContract.HTTP_PORT)));
        p.put("shop.service", self.id());
        p.put("shop.gateway", self.isGateway()); // only the gateway is routed from outside (PublicRouteFilter)
        p.put("shop.name", env.getOrDefault(ShopContract.ENV_SHOP_NAME, "shop"));
        // Without an issuer no token verifies: a service that is not told whom to trust trusts nobody.
        p.put("shop.workload.namespace", env.getOrDefault(ShopContract.ENV_NAMESPACE, ""));
        p.put("shop.workload.issuer", env.getOrDefault(ShopContract.ENV_WORKLOAD_ISSUER, ""));
        p.put("shop.workload.keys", env.getOrDefault(ShopContract.ENV_WORKLOAD_KEYS,
                ShopContract.WORKLOAD_KEYS_DIR + "/" + ShopContract.WORKLOAD_KEYS_FILE));
        p.put("shop.workload.tokens", env.getOrDefault(ShopContract.ENV_WORKLOAD_TOKENS, ShopContract.WORKLOAD_TOKENS_DIR));
        defaults(p);
        tracing(p, self, env);
        if (self.isGateway()) {
            // The gateway's proxy forwards to every callee, so it waits as long as the slowest of them may take.
            p.put("micronaut.http.client.read-timeout", seconds(self.calls().stream().map(ShopService::readTimeout)
                    .max(Duration::compareTo).orElse(Duration.ofSeconds(10))));
            // It forwards shoppers' tokens to the services, which verify them; checking each one here as well (an RSA
            // verification per request) bought nothing: the gateway and the pages let every visitor in.
            p.put("micronaut.security.token.bearer.enabled", false);
        }
        if (self.ownsDatabase()) {
            database(p, env);
        }
        broker(p, self, env);
        if (self.issuesTokens() || self.calls().stream().anyMatch(ShopService::issuesTokens)) {
            String namespace = (String) p.get("shop.workload.namespace");
            String shop = (String) p.get("shop.name");
            p.put("shop.tokens.issuer", ShopContract.shopperTokenIssuer(namespace, shop));
            p.put("shop.tokens.audience", ShopContract.shopperTokenAudience(namespace, shop));
            p.put("micronaut.security.token.jwt.claims-validators.issuer", p.get("shop.tokens.issuer"));
            p.put("micronaut.security.token.jwt.claims-validators.audience", p.get("shop.tokens.audience"));
        }
        for (ShopService callee : self.calls()) {
            String url = env.get(ShopContract.urlVariable(callee));
            if (url != null && !url.isBlank()) {
                String prefix = "micronaut.http.services." + callee.id() + ".";
                p.put(prefix + "url", url);
                p.put(prefix + "connect-timeout", "1s");
                p.put(prefix + "read-timeout", seconds(callee.readTimeout()));
                p.put(prefix + "pool.enabled", true);
                p.put(prefix + "pool.max-connections", 64);
                if (callee.issuesTokens()) {
                    // Verify shoppers' tokens with the keys users publishes; this service never holds the signing key.
                    p.put("micronaut.security.token.jwt.signatures.jwks." + callee.id() + ".url", url + ShopContract.USERS_KEYS_PATH);
                }
            }
        }
        return p;
    }

    /** OpenTelemetry: spans for every request served and made, exported over OTLP when the operator names a collector. */
    private static void tracing(Map<String, Object> p, ShopService self, Map<String, String> env) {
        String endpoint = env.getOrDefault(ShopContract.ENV_OTLP_ENDPOINT, "");
        p.put("otel.service.name", self.id());
        p.put("otel.resource.attributes", "service.namespace=" + p.get("shop.name") + ",k8s.namespace.name="
                + p.get("shop.workload.namespace"));
        p.put("otel.traces.exporter", endpoint.isBlank() ? "none" : "otlp");
        p.put("otel.metrics.exporter", "none"); // Prometheus scrapes the metrics
        p.put("otel.logs.exporter", "none");
        p.put("otel.propagators", "tracecontext");
        if (!endpoint.isBlank()) {
            p.put("otel.exporter.otlp.endpoint", endpoint);
            p.put("otel.exporter.otlp.protocol", "http/protobuf");
        }
        // Probes and scrapes every few seconds are no one's request.
        p.put("otel.exclusions[0]", "/health.*");
        p.put("otel.exclusions[1]", ShopContract.METRICS_PATH);
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }

    private static void database(Map<String, Object> p, Map<String, String> env) {
        String url = env.get(ShopContract.ENV_DB_URL);
        if (url == null && env.containsKey(ShopContract.ENV_DB_HOST)) {
            url = "jdbc:postgresql://" + env.get(ShopContract.ENV_DB_HOST) + ":"
                    + env.getOrDefault(ShopContract.ENV_DB_PORT, "5432") + "/" + env.get(ShopContract.ENV_DB_NAME);
        }
        if (url == null) {
            throw new IllegalStateException("no database configured: set " + ShopContract.ENV_DB_URL + " or "
                    + ShopContract.ENV_DB_HOST + "/" + ShopContract.ENV_DB_NAME);
        }
        p.put("datasources.default.url", url);
        p.put("datasources.default.username", env.getOrDefault(ShopContract.ENV_DB_USERNAME, ""));
        // The password is not configuration: DatabasePassword hands it to the pool as data.
        p.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        p.put("datasources.default.dialect", "POSTGRES");
        p.put("datasources.default.maximum-pool-size", 10);
        p.put("datasources.default.connection-timeout", 5000);
        p.put("flyway.datasources.default.enabled", true);
        p.put("flyway.datasources.default.locations", "classpath:db/migration");
    }

    /**
     * A service that writes or reads events (ShopTopic) uses the shop's broker once the operator names it; without
     * one, {@code shop.broker.enabled} is false and the service falls back to what it did before the broker.
     */
    private static void broker(Map<String, Object> p, ShopService self, Map<String, String> env) {
        String servers = env.getOrDefault(BrokerContract.ENV_BOOTSTRAP_SERVERS, "");
        boolean enabled = ShopTopic.clients().contains(self) && !servers.isBlank();
        p.put("shop.broker.enabled", enabled);
        if (!enabled) {
            return;
        }
        String protocol = env.getOrDefault(BrokerContract.ENV_SECURITY_PROTOCOL, BrokerContract.SECURITY_PROTOCOLS.get(0));
        if (!BrokerContract.SECURITY_PROTOCOLS.contains(protocol)) {
            throw new IllegalStateException(BrokerContract.ENV_SECURITY_PROTOCOL + " must be one of "
                    + BrokerContract.SECURITY_PROTOCOLS + ", not " + protocol);
        }
        p.put("kafka.bootstrap.servers", servers);
        p.put("kafka.security.protocol", protocol);
        p.put("kafka.sasl.mechanism", BrokerContract.SASL_MECHANISM);
        // No credentials in the configuration: BrokerLogin answers the login from the environment.
        p.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("kafka.sasl.client.callback.handler.class", "dev.shopfleet.support.BrokerLogin");
        // The broker's absence is no reason to take a service out of its Service: orders' outbox keeps the events,
        // and notifications catches up.
        p.put("kafka.health.enabled", false);
        p.put("micronaut.metrics.binders.kafka.enabled", true); // the clients' own metrics: consumer lag among them
    }

    /** What every service does the same way: health, metrics, OpenAPI, security, limits, shutdown. */
    private static void defaults(Map<String, Object> p) {
        p.put("endpoints.all.port", p.get("micronaut.server.port"));
        p.put("endpoints.health.enabled", true);
        p.put("endpoints.health.sensitive", false);
        p.put("endpoints.health.details-visible", "ANONYMOUS");
        p.put("endpoints.prometheus.enabled", true);
        p.put("endpoints.prometheus.sensitive", false);
        p.put("micronaut.metrics.enabled", true);
        p.put("micronaut.metrics.export.prometheus.enabled", true);
        p.put("micronaut.metrics.export.prometheus.descriptions", true);
        p.put("micronaut.metrics.binders.web.enabled", true);
        p.put("micronaut.server.max-request-size", "64KB");
        // No gzip from the services: between pods it costs CPU and saves nothing, and an ingress asks for it on its own
        // (Go's transport, Traefik's too, adds Accept-Encoding: gzip and unpacks the answer again): through Traefik
        // it halved the storefront's pages. Compressing for browsers is the ingress's job.
        p.put("micronaut.server.netty.compression-threshold", -1);
        p.put("micronaut.server.thread-selection", "AUTO");
        p.put("micronaut.lifecycle.graceful-shutdown.enabled", true);
        p.put("micronaut.router.static-resources.swagger.paths", "classpath:META-INF/swagger");
        p.put("micronaut.router.static-resources.swagger.mapping", "/swagger/**");
        p.put("micronaut.security.authentication", "bearer");
        p.put("micronaut.security.reject-not-found", false);
        p.put("micronaut.security.intercept-url-map[0].pattern", "/health/**");
        p.put("micronaut.security.intercept-url-map[0].access", "isAnonymous()");
        p.put("micronaut.security.intercept-url-map[1].pattern", "/prometheus");
        p.put("micronaut.security.intercept-url-map[1].access", "isAnonymous()");
        p.put("micronaut.security.intercept-url-map[2].pattern", "/swagger/**");
        p.put("micronaut.security.intercept-url-map[2].access", "isAnonymous()");
        p.put("micronaut.security.token.jwt.signatures.jwks-client.http-client.enabled", true);
        p.put("jackson.serialization-inclusion", "non_null");
    }
}
