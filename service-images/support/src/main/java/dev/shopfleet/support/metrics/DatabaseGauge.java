package dev.shopfleet.support.metrics;

import dev.shopfleet.contract.ShopMetric;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Whether the service's own database answers, as the alert "database down" reads it (a service without one has none). */
@Context
@Requires(classes = DataSourceResolver.class)
@Requires(beans = DataSource.class)
public class DatabaseGauge {
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    // The pool itself, not Micronaut Data's view of it, which lends only the connection of a surrounding transaction.
    DatabaseGauge(DataSource dataSource, @Nullable DataSourceResolver resolver, SampledGauges gauges) {
        DataSource pool = (resolver != null ? resolver : DataSourceResolver.DEFAULT).resolve(dataSource);
        gauges.register(ShopMetric.DATABASE_UP.micrometerName(), "1 while the service's database answers, 0 while it does not",
                null, () -> answers(pool) ? 1 : 0);
    }

    private static boolean answers(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
