package dev.shopfleet.users;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UserRepository extends CrudRepository<User, UUID> {
    Optional<User> findByEmail(String email);

    @Query("INSERT INTO app_user (id, email, password_hash, name, roles) VALUES (:id, :email, :passwordHash, :name, :roles)"
            + " ON CONFLICT (email) DO NOTHING")
    int insertIfNew(UUID id, String email, String passwordHash, String name, String roles);

    /** Counts a failed login; the fifth in a row locks the account until {@code lockUntil}. */
    @Query("UPDATE app_user SET failed_logins = CASE WHEN failed_logins + 1 >= :limit THEN 0 ELSE failed_logins + 1 END,"
            + " locked_until = CASE WHEN failed_logins + 1 >= :limit THEN :lockUntil ELSE locked_until END WHERE id = :id")
    void recordFailure(UUID id, int limit, Instant lockUntil);

    @Query("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = :id")
    void recordSuccess(UUID id);

    @Query("UPDATE app_user SET name = :name WHERE id = :id")
    void rename(UUID id, String name);
}
