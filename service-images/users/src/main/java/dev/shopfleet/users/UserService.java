package dev.shopfleet.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.shopfleet.users.Dtos.LoginResult;
import dev.shopfleet.users.Dtos.Profile;
import dev.shopfleet.users.Dtos.Registration;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Singleton
public class UserService {
    static final int FAILURES_BEFORE_LOCKOUT = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(5);
    static final int TOKEN_SECONDS = 3600;
    private static final int BCRYPT_COST = 10;
    private static final Logger LOG = LoggerFactory.getLogger(UserService.class);
    /** Compared against when the email is unknown, so a wrong email costs as long as a wrong password. */
    private static final byte[] DUMMY_HASH = BCrypt.withDefaults().hash(BCRYPT_COST, "not-a-password".toCharArray());

    private final UserRepository users;
    private final TokenGenerator tokens;
    private final Set<String> adminEmails;

    UserService(UserRepository users, TokenGenerator tokens, @Value("${shop.admin-emails:}") String adminEmails) {
        this.users = users;
        this.tokens = tokens;
        this.adminEmails = Arrays.stream(adminEmails.split(",")).map(UserService::normalize).filter(e -> !e.isEmpty())
                .collect(Collectors.toSet());
    }

    public Profile register(Registration r) {
        String email = normalize(r.email());
        String hash = BCrypt.withDefaults().hashToString(BCRYPT_COST, r.password().toCharArray());
        String roles = adminEmails.contains(email) ? "admin" : "";
        if (users.insertIfNew(UUID.randomUUID(), email, hash, r.name().trim(), roles) == 0) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "an account with this email exists already");
        }
        LOG.info("user registered{}", roles.isEmpty() ? "" : " with role " + roles);
        return users.findByEmail(email).map(Profile::of).orElseThrow();
    }

    @Transactional(noRollbackFor = HttpStatusException.class)
    public LoginResult login(String rawEmail, String password) {
        var found = users.findByEmail(normalize(rawEmail));
        if (found.isEmpty()) {
            BCrypt.verifyer().verify(password.toCharArray(), DUMMY_HASH);
            throw wrongCredentials();
        }
        User user = found.get();
        Instant now = Instant.now();
        if (user.lockedUntil() != null && user.lockedUntil().isAfter(now)) {
            long seconds = Duration.between(now, user.lockedUntil()).toSeconds() + 1;
            throw new HttpStatusException(HttpStatus.TOO_MANY_REQUESTS,
                    "too many failed logins: this account is locked for " + seconds + " more seconds");
        }
        if (!BCrypt.verifyer().verify(password.toCharArray(), user.passwordHash()).verified) {
            users.recordFailure(user.id(), FAILURES_BEFORE_LOCKOUT, now.plus(LOCKOUT));
            LOG.info("failed login for user {}", user.id());
            throw wrongCredentials();
        }
        users.recordSuccess(user.id());
        Authentication auth = Authentication.build(user.id().toString(), user.roleList(),
                Map.of("email", user.email(), "name", user.name()));
        String token = tokens.generateToken(auth, TOKEN_SECONDS).orElseThrow();
        return new LoginResult(token, "Bearer", TOKEN_SECONDS, Profile.of(user));
    }

    public Profile profile(String userId) {
        return users.findById(UUID.fromString(userId)).map(Profile::of)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "this account no longer exists"));
    }

    public Profile rename(String userId, String name) {
        users.rename(UUID.fromString(userId), name.trim());
        return profile(userId);
    }

    private static HttpStatusException wrongCredentials() {
        return new HttpStatusException(HttpStatus.UNAUTHORIZED, "email or password is wrong");
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
