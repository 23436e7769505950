package dev.shopfleet.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The images read exactly the variables the operator sets (both from the contract), and nothing else. */
class ShopEnvironmentTest {
    @Test
    void everyCalleeTheOperatorNamesBecomesAnHttpServiceAndUsersAlsoTheTokenKeys() {
        for (ShopService self : ShopService.values()) {
            Map<String, String> env = operatorEnvironment(self);
            Map<String, Object> p = ShopEnvironment.properties(self, env);
            for (ShopService callee : self.calls()) {
                assertThat(p).containsEntry("micronaut.http.services." + callee.id() + ".url", "http://shop-" + callee.id() + ":8080");
            }
            assertThat(p.get("micronaut.server.port")).isEqualTo(Integer.toString(ShopContract.HTTP_PORT));
            if (self.calls().contains(ShopService.USERS)) {
                assertThat(p).containsEntry("micronaut.security.token.jwt.signatures.jwks.users.url",
                        "http://shop-users:8080" + ShopContract.USERS_KEYS_PATH);
            }
            if (self.ownsDatabase()) {
                assertThat(p).containsEntry("datasources.default.url", "jdbc:postgresql://shop-" + self.id() + "-db:5432/" + self.id())
                        .containsEntry("datasources.default.username", self.id()).containsEntry("datasources.default.password", "secret");
            } else {
                assertThat(p).doesNotContainKey("datasources.default.url");
            }
        }
    }

    @Test
    void aServiceWithoutItsDatabaseSaysWhichVariablesAreMissing() {
        assertThatThrownBy(() -> ShopEnvironment.properties(ShopService.CATALOG, Map.of()))
                .hasMessageContaining(ShopContract.ENV_DB_URL).hasMessageContaining(ShopContract.ENV_DB_HOST);
    }

    /** What the operator puts in a service's environment (see the operator's Deployments and ConfigMaps). */
    private static Map<String, String> operatorEnvironment(ShopService self) {
        Map<String, String> env = new HashMap<>();
        env.put(ShopContract.ENV_SHOP_NAME, "shop");
        for (ShopService callee : self.calls()) {
            env.put(ShopContract.urlVariable(callee), "http://shop-" + callee.id() + ":8080");
        }
        if (self.ownsDatabase()) {
            env.put(ShopContract.ENV_DB_HOST, "shop-" + self.id() + "-db");
            env.put(ShopContract.ENV_DB_PORT, "5432");
            env.put(ShopContract.ENV_DB_NAME, self.id());
            env.put(ShopContract.ENV_DB_USERNAME, self.id());
            env.put(ShopContract.ENV_DB_PASSWORD, "secret");
        }
        return env;
    }
}
