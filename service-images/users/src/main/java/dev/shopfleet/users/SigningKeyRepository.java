package dev.shopfleet.users;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SigningKeyRepository extends GenericRepository<SigningKeyRepository.Row, String> {
    @MappedEntity("signing_key")
    record Row(@Id String id, String jwk) {
    }

    @Query("INSERT INTO signing_key (id, jwk) VALUES (:id, :jwk) ON CONFLICT (id) DO NOTHING")
    void insertKeyIfAbsent(String id, String jwk);

    @Query("SELECT jwk FROM signing_key WHERE id = :id")
    Optional<String> key(String id);
}
