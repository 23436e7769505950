package dev.shopfleet.operator.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopService;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExternalBrokerTest {
    private final Shop shop = TestShops.shop(r -> TestShops.externalBroker(r, "kafka"));

    @Test
    void aShopOnItsOwnBrokerOrWithoutEventsHasNoExternalOne() {
        assertThat(ExternalBroker.of(TestShops.shop(), name -> null).problem()).isEmpty();
        Shop catalogAlone = TestShops.shop(r -> {
            TestShops.externalBroker(r, "kafka");
            r.getSpec().getServices().getOrders().setEnabled(false);
            r.getSpec().getServices().getStorefront().setEnabled(false);
        });
        assertThat(catalogAlone.usesExternalBroker()).as("no producer, so no events").isFalse();
    }

    @Test
    void aMissingSecretAndMissingKeysAreNamedAndValuesNeverShown() {
        assertThat(ExternalBroker.of(shop, name -> null).problem().orElseThrow().message()).isEqualTo("Secret kafka not found");
        Map<String, String> partial = complete("kafka.example.com:9093");
        partial.remove("catalog-password");
        partial.remove("security-protocol");
        ServiceProblem problem = ExternalBroker.of(shop, name -> secret(partial)).problem().orElseThrow();
        assertThat(problem.reason()).isEqualTo(ExternalBroker.INVALID);
        assertThat(problem.message()).isEqualTo("Secret kafka lacks security-protocol, catalog-password")
                .doesNotContain("s3cret", "kafka.example.com");
    }

    @Test
    void onlyTheEnabledClientsNeedCredentials() {
        Shop withoutNotifications = TestShops.shop(r -> {
            TestShops.externalBroker(r, "kafka");
            r.getSpec().getServices().getNotifications().setEnabled(false);
        });
        Map<String, String> data = complete("kafka:9092");
        data.remove("notifications-username");
        data.remove("notifications-password");
        assertThat(ExternalBroker.of(withoutNotifications, name -> secret(data)).problem()).isEmpty();
        assertThat(ExternalBroker.of(shop, name -> secret(data)).problem()).isPresent();
    }

    @Test
    void aValidSecretGivesTheServersPortsAndAnUnknownProtocolIsRefused() {
        ExternalBroker broker = ExternalBroker.of(shop, name -> secret(complete("a.example.com:9093, b.example.com:9094,[fd00::1]:9093")));
        assertThat(broker.problem()).isEmpty();
        assertThat(broker.ports()).containsExactlyInAnyOrder(9093, 9094);
        Map<String, String> plaintext = complete("kafka:9092");
        plaintext.put("security-protocol", "PLAINTEXT");
        assertThat(ExternalBroker.of(shop, name -> secret(plaintext)).problem().orElseThrow().message())
                .contains("security-protocol is not one of SASL_PLAINTEXT, SASL_SSL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "kafka:", ":9092", "kafka:0", "kafka:65536", "kafka:9092,", "kafka:ninety", "kafka:9092,other"})
    void bootstrapServersThatAreNotHostPortListsAreRefused(String servers) {
        assertThat(ExternalBroker.ports(servers)).as(servers).isEmpty();
        assertThat(ExternalBroker.of(shop, name -> secret(complete(servers))).problem().orElseThrow().message())
                .contains("bootstrap-servers is not a list of host:port");
    }

    @Test
    void hostPortListsGiveTheirPorts() {
        assertThat(ExternalBroker.ports("kafka:9092")).contains(Set.of(9092));
        assertThat(ExternalBroker.ports("k1:1,k2:65535")).isEqualTo(Optional.of(Set.of(1, 65535)));
    }

    private static Map<String, String> complete(String servers) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("bootstrap-servers", servers);
        data.put("security-protocol", "SASL_SSL");
        for (ShopService client : new ShopService[] {ShopService.ORDERS, ShopService.NOTIFICATIONS, ShopService.CATALOG}) {
            data.put(client.id() + "-username", "shop-" + client.id());
            data.put(client.id() + "-password", "s3cret-" + client.id());
        }
        return data;
    }

    private static Secret secret(Map<String, String> data) {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withName("kafka").endMetadata().withData(encoded).build();
    }
}
