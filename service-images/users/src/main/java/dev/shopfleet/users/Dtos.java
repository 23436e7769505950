package dev.shopfleet.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

public final class Dtos {
    /** No control characters (PostgreSQL stores no NUL, and no name needs one). */
    static final String PRINTABLE = "[^\\x00-\\x1F\\x7F]*";
    static final String PRINTABLE_ONLY = "must not contain control characters";

    private Dtos() {
    }

    @Serdeable
    public record Registration(
            @NotBlank @Email @Size(max = 254) @Pattern(regexp = PRINTABLE, message = PRINTABLE_ONLY) String email,
            @NotBlank @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String password,
            @NotBlank @Size(max = 100) @Pattern(regexp = PRINTABLE, message = PRINTABLE_ONLY) String name,
            @Nullable @Size(max = 128) String invitation) {
    }

    /** The answer to a registration, the same for a new and a known e-mail. */
    @Serdeable
    public record Accepted(String email) {
    }

    @Serdeable
    public record Credentials(@NotBlank @Size(max = 254) @Pattern(regexp = PRINTABLE, message = PRINTABLE_ONLY) String email,
                              @NotBlank @Size(max = 128) String password) {
    }

    @Serdeable
    public record Profile(UUID id, String email, String name, List<String> roles) {
    }

    @Serdeable
    public record ProfileUpdate(@NotBlank @Size(max = 100) @Pattern(regexp = PRINTABLE, message = PRINTABLE_ONLY) String name) {
    }

    @Serdeable
    public record LoginResult(String accessToken, String tokenType, int expiresIn, Profile user) {
    }
}
