package dev.shopfleet.support;

import dev.shopfleet.contract.ShopContract;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The database password reaches the connection pool as data, not as configuration: it may come from a shop's own
 * Secret (an external database), and configuration would expand a {@code ${...}} in it.
 */
public record DatabasePassword(String value) {
    static DatabasePassword of(Map<String, String> env) {
        return new DatabasePassword(env.getOrDefault(ShopContract.ENV_DB_PASSWORD, ""));
    }

    /** Sets the password on the pool's configuration when Micronaut makes it. */
    @Singleton
    @Requires(classes = DatasourceConfiguration.class)
    static final class OnThePool implements BeanCreatedEventListener<DatasourceConfiguration> {
        private final DatabasePassword password;

        OnThePool(DatabasePassword password) {
            this.password = password;
        }

        @Override
        public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
            DatasourceConfiguration pool = event.getBean();
            pool.setPassword(password.value());
            return pool;
        }
    }
}
