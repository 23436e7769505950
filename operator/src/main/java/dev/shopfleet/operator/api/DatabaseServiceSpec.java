package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A service that owns a PostgreSQL database. */
public class DatabaseServiceSpec extends ShopServiceSpec {
    @JsonPropertyDescription("The service's own PostgreSQL database: managed by the operator (default) or external.")
    private DatabaseSpec database;

    public DatabaseSpec getDatabase() {
        return database;
    }

    public void setDatabase(DatabaseSpec database) {
        this.database = database;
    }
}
