package dev.shopfleet.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a service makes of a wrong environment. Whether it reads what the operator really sets is proven in the
 * operator's ServiceEnvironmentTest, from the operator's own desired objects.
 */
class ShopEnvironmentTest {
    @Test
    void aServiceWithoutItsDatabaseSaysWhichVariablesAreMissing() {
        assertThatThrownBy(() -> ShopEnvironment.properties(ShopService.CATALOG, Map.of()))
                .hasMessageContaining(ShopContract.ENV_DB_URL).hasMessageContaining(ShopContract.ENV_DB_HOST);
    }
}
