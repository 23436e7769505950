package dev.shopfleet.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity("app_user")
public record User(@Id UUID id, String email, String passwordHash, String name, String roles, int failedLogins,
                   @Nullable Instant lockedUntil, Instant createdAt) {
}
