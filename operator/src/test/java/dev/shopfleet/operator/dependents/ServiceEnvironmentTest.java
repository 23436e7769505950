package dev.shopfleet.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.api.EnvVarSpec;
import dev.shopfleet.operator.shop.Capabilities;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.TestShops;
import dev.shopfleet.support.ShopEnvironment;
import dev.shopfleet.support.ShopSettings;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The images read exactly what the operator sets: each service's environment, as the kubelet would assemble it from
 * the operator's own desired ConfigMap, Deployment and database Secret, goes through the services' reading of it
 * ({@link ShopEnvironment}). A change on either side that the other does not follow fails here.
 */
class ServiceEnvironmentTest {
    private static final Pattern KUBELET_VARIABLE = Pattern.compile("\\$\\$|\\$\\(([A-Z_][A-Z0-9_]*)\\)");
    private static final Capabilities.ServiceAccountIssuer ISSUER =
            new Capabilities.ServiceAccountIssuer("https://kubernetes.default.svc.cluster.local", "{\"keys\":[]}");
    private static final Capabilities CLUSTER = new Capabilities(false, false, Optional.empty(), Optional.of(ISSUER));

    @Test
    void everyServiceFindsItsEnabledCalleesItsDatabaseAndTheTokenKeys() {
        Shop shop = TestShops.shop(r -> r.getSpec().getServices().getNotifications().setEnabled(false), CLUSTER);
        for (ShopService self : shop.enabledServices()) {
            Map<String, String> pod = podEnvironment(shop, self);
            Map<String, Object> p = ShopEnvironment.properties(self, pod);

            assertThat(p).containsEntry("shop.name", shop.name()).containsEntry("micronaut.server.port",
                    Integer.toString(ShopContract.HTTP_PORT));
            assertThat(p).as("who %s trusts and where it finds its tokens", self)
                    .containsEntry("shop.workload.namespace", shop.namespace())
                    .containsEntry("shop.workload.issuer", ISSUER.issuer())
                    .containsEntry("shop.workload.keys", mountPath(shop, self, "workload-keys") + "/" + ShopContract.WORKLOAD_KEYS_FILE);
            if (self.calls().stream().anyMatch(shop::isEnabled)) {
                assertThat(p).containsEntry("shop.workload.tokens", mountPath(shop, self, "workload-tokens"));
            }
            for (ShopService callee : self.calls()) {
                String urlKey = "micronaut.http.services." + callee.id() + ".url";
                if (shop.isEnabled(callee)) {
                    assertThat(p).as("%s -> %s", self, callee).containsEntry(urlKey, shop.serviceUrl(callee));
                } else {
                    assertThat(p).as("%s does without disabled %s", self, callee).doesNotContainKey(urlKey);
                }
                if (callee.issuesTokens()) {
                    assertThat(p).containsEntry("micronaut.security.token.jwt.signatures.jwks." + callee.id() + ".url",
                            shop.serviceUrl(callee) + ShopContract.USERS_KEYS_PATH);
                }
            }
            if (self.ownsDatabase()) {
                assertThat(p).containsEntry("datasources.default.url",
                                "jdbc:postgresql://" + shop.databaseName(self) + ":" + Shop.DATABASE_PORT + "/" + self.id())
                        .containsEntry("datasources.default.username", self.id())
                        .doesNotContainKey("datasources.default.password"); // data, not configuration
                assertThat(pod).containsEntry(ShopContract.ENV_DB_PASSWORD, "password-of-" + self.id());
            } else {
                assertThat(p).doesNotContainKey("datasources.default.url");
            }
            if (self == ShopService.ORDERS || self == ShopService.CATALOG) { // the broker's clients: notifications is disabled
                assertThat(p).as("%s uses the shop's broker as itself", self).containsEntry("shop.broker.enabled", true)
                        .containsEntry("kafka.bootstrap.servers", shop.brokerBootstrapServers());
                assertThat(p.values()).as("the password is data, not configuration")
                        .noneMatch(v -> v.toString().contains(pod.get(BrokerContract.ENV_PASSWORD)));
                assertThat(pod).containsEntry(BrokerContract.ENV_USERNAME, self.id());
                assertThat(pod.get(BrokerContract.ENV_PASSWORD)).as("from the broker's Secret").matches("[A-Za-z0-9]{32}");
            } else {
                assertThat(p).as("%s uses no broker", self).containsEntry("shop.broker.enabled", false);
                assertThat(pod).doesNotContainKeys(BrokerContract.ENV_BOOTSTRAP_SERVERS, BrokerContract.ENV_PASSWORD);
            }
        }
    }

    @Test
    void theStorefrontShowsTheShopsDisplayNameAndTheme() {
        Shop shop = TestShops.shop(r -> {
            r.getSpec().setDisplayName("Tea & Co");
            r.getSpec().setTheme("ocean");
        });
        ShopSettings settings = ShopSettings.of(podEnvironment(shop, ShopService.STOREFRONT));
        assertThat(settings.displayName()).isEqualTo("Tea & Co");
        assertThat(settings.theme()).isEqualTo("ocean");
    }

    @Test
    void whatAShopTypesReachesItsServicesAsTyped() {
        String typed = "$(SHOP_DB_PASSWORD) ${datasources.default.password} #{x} $$ Tea & Co";
        Shop shop = TestShops.shop(r -> {
            r.getSpec().setDisplayName(typed);
            r.getSpec().getServices().getUsers().getEnv().add(new EnvVarSpec(ShopContract.ENV_ADMIN_EMAILS, typed));
            r.getSpec().getServices().getNotifications().getEnv().add(new EnvVarSpec(ShopContract.ENV_SMTP_FROM, typed));
        });
        assertThat(ShopSettings.of(podEnvironment(shop, ShopService.STOREFRONT)).displayName()).isEqualTo(typed);
        assertThat(ShopSettings.of(podEnvironment(shop, ShopService.USERS)).adminInvitation())
                .as("users is given the invitation the operator generated").isEqualTo("the-invitation");
        assertThat(ShopSettings.of(podEnvironment(shop, ShopService.USERS)).adminEmails())
                .containsExactly(ShopSettings.normalizeEmail(typed));
        assertThat(ShopSettings.of(podEnvironment(shop, ShopService.NOTIFICATIONS)).mailFrom()).isEqualTo(typed);
    }

    @Test
    void withAnExternalBrokerEachClientIsItselfThereAsItsSecretSaysAndTalksTheProtocolItNames() {
        Shop shop = TestShops.shop(r -> TestShops.externalBroker(r, "platform-kafka"), CLUSTER);
        Secret external = new SecretBuilder().withNewMetadata().withName("platform-kafka").endMetadata()
                .addToData(BrokerContract.SECRET_BOOTSTRAP_SERVERS, encode("kafka.example.com:9093"))
                .addToData(BrokerContract.SECRET_SECURITY_PROTOCOL, encode("SASL_SSL")).build();
        for (ShopService client : shop.brokerClients()) {
            external.getData().put(BrokerContract.usernameKey(client), encode("shop-a-" + client.id()));
            external.getData().put(BrokerContract.passwordKey(client), encode("pw-" + client.id()));
        }
        assertThat(shop.brokerClients()).containsExactlyInAnyOrder(ShopService.ORDERS, ShopService.NOTIFICATIONS, ShopService.CATALOG);
        for (ShopService self : shop.enabledServices()) {
            Map<String, String> pod = podEnvironment(shop, self, Map.of("platform-kafka", external));
            Map<String, Object> p = ShopEnvironment.properties(self, pod);
            if (shop.brokerClients().contains(self)) {
                assertThat(p).as("%s on the external broker", self).containsEntry("shop.broker.enabled", true)
                        .containsEntry("kafka.bootstrap.servers", "kafka.example.com:9093")
                        .containsEntry("kafka.security.protocol", "SASL_SSL");
                assertThat(pod).containsEntry(BrokerContract.ENV_USERNAME, "shop-a-" + self.id())
                        .containsEntry(BrokerContract.ENV_PASSWORD, "pw-" + self.id());
            } else {
                assertThat(p).as("%s uses no broker", self).containsEntry("shop.broker.enabled", false);
            }
        }
        assertThat(shop.usesBroker()).as("no broker of its own").isFalse();
    }

    private static String encode(String value) {
        return java.util.Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** What a service's container sees: its ConfigMap (envFrom), then its env, Secrets resolved and $(VAR) expanded. */
    private static Map<String, String> podEnvironment(Shop shop, ShopService service) {
        return podEnvironment(shop, service, Map.of());
    }

    private static Map<String, String> podEnvironment(Shop shop, ShopService service, Map<String, Secret> userSecrets) {
        Map<String, String> env = new HashMap<>(ConfigMapsDependent.data(shop, service));
        Map<String, Secret> secrets = new HashMap<>(userSecrets);
        if (service.ownsDatabase()) {
            secrets.put(shop.databaseSecretName(service),
                    GeneratedSecretsDependent.desired(shop, service, "password-of-" + service.id(), "admin-password"));
        }
        if (shop.usesBroker()) {
            secrets.put(shop.brokerName(), GeneratedSecretsDependent.broker(shop));
        }
        Secret invitation = GeneratedSecretsDependent.adminInvitation(shop, "the-invitation");
        secrets.put(invitation.getMetadata().getName(), invitation);
        var container = DeploymentsDependent.desired(shop, service).getSpec().getTemplate().getSpec().getContainers().get(0);
        for (EnvVar var : container.getEnv()) {
            if (var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null) {
                assertThat(var.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
                env.put(var.getName(), shop.namespace());
            } else if (var.getValueFrom() != null) {
                var ref = var.getValueFrom().getSecretKeyRef();
                assertThat(secrets).as("a Secret the operator writes").containsKey(ref.getName());
                env.put(var.getName(), decode(secrets.get(ref.getName()).getData().get(ref.getKey())));
            } else {
                env.put(var.getName(), expand(var.getValue(), env));
            }
        }
        return env;
    }

    /** Where the Deployment mounts a volume in the service's container. */
    private static String mountPath(Shop shop, ShopService service, String volume) {
        return DeploymentsDependent.desired(shop, service).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError(service + " mounts no " + volume)).getMountPath();
    }

    /** As the kubelet does: $$ is a literal $, $(VAR) a variable defined before (else left as it is). */
    private static String expand(String value, Map<String, String> env) {
        Matcher m = KUBELET_VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group().equals("$$") ? "$" : env.getOrDefault(m.group(1), m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
