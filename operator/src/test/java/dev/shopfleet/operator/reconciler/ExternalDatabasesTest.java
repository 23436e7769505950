package dev.shopfleet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.operator.shop.Shop;
import dev.shopfleet.operator.shop.TestShops;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalDatabasesTest {
    private final Shop shop = TestShops.shop(r -> {
        TestShops.externalDatabase(r, ShopService.CATALOG, "catalog-pg");
    });

    @Test
    void aMissingSecretIsAProblem() {
        assertThat(ExternalDatabases.problems(shop, name -> null))
                .containsExactly(Map.entry(ShopService.CATALOG, "Secret catalog-pg not found"));
    }

    @Test
    void missingKeysAreNamedAndValuesNeverShown() {
        Map<ShopService, String> problems = ExternalDatabases.problems(shop,
                name -> secret(Map.of("host", "db.example.com", "password", "hunter2")));
        assertThat(problems.get(ShopService.CATALOG)).isEqualTo("Secret catalog-pg lacks port, database, username")
                .doesNotContain("hunter2");
    }

    @Test
    void aPortMustBeANumber() {
        assertThat(ExternalDatabases.problems(shop, name -> secret(complete("fivefourthreetwo"))).get(ShopService.CATALOG))
                .contains("port is not a number");
    }

    @Test
    void aCompleteSecretIsFine() {
        assertThat(ExternalDatabases.problems(shop, name -> secret(complete("5432")))).isEmpty();
    }

    private static Map<String, String> complete(String port) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("host", "db.example.com");
        data.put("port", port);
        data.put("database", "catalog");
        data.put("username", "catalog");
        data.put("password", "hunter2");
        return data;
    }

    private static Secret secret(Map<String, String> plain) {
        Map<String, String> data = new LinkedHashMap<>();
        plain.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withName("catalog-pg").endMetadata().withData(data).build();
    }
}
