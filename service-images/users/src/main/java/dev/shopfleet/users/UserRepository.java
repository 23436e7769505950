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

    /**
     * Counts a login attempt before its password is checked (a success resets the count); the attempt that
     * reaches {@code limit} locks the account until {@code lockUntil}. Returns 0, admitting nothing, while locked.
     * One statement, so parallel attempts are admitted one at a time.
     */
    @Query("UPDATE app_user SET failed_logins = CASE WHEN locked_until <= :now THEN 1 ELSE failed_logins + 1 END,"
            + " locked_until = CASE WHEN (CASE WHEN locked_until <= :now THEN 1 ELSE failed_logins + 1 END) >= :limit"
            + " THEN :lockUntil WHEN locked_until <= :now THEN NULL ELSE locked_until END"
            + " WHERE id = :id AND (locked_until IS NULL OR locked_until <= :now)")
    int admitAttempt(UUID id, int limit, Instant now, Instant lockUntil);

    @Query("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = :id")
    void recordSuccess(UUID id);

    @Query("UPDATE app_user SET name = :name WHERE id = :id")
    void rename(UUID id, String name);
}
