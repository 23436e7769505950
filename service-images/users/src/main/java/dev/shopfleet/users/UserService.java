package dev.shopfleet.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import dev.shopfleet.users.Dtos.LoginResult;
import dev.shopfleet.users.Dtos.Profile;
import dev.shopfleet.support.ShopSettings;
import dev.shopfleet.users.Dtos.Registration;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Singleton
public class UserService {
    static final int FAILURES_BEFORE_LOCKOUT = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(5);
    static final int TOKEN_SECONDS = 3600;
    private static final String ADMIN = "admin";
    private static final int BCRYPT_COST = 10;
    private static final Logger LOG = LoggerFactory.getLogger(UserService.class);
    /** bcrypt reads 72 bytes at most; a longer password is hashed (SHA-512) first rather than cut or refused. */
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2A);
    private static final BCrypt.Hasher HASHER = BCrypt.with(BCrypt.Version.VERSION_2A, LONG_PASSWORDS);
    private static final BCrypt.Verifyer VERIFIER = BCrypt.verifyer(BCrypt.Version.VERSION_2A, LONG_PASSWORDS);
    /** Compared against when the email is unknown, so a wrong email costs as long as a wrong password. */
    private static final byte[] DUMMY_HASH = HASHER.hash(BCRYPT_COST, "not-a-password".toCharArray());

    private final UserRepository users;
    private final TokenGenerator tokens;
    private final Set<String> adminEmails;
    private final String adminInvitation;

    UserService(UserRepository users, TokenGenerator tokens, ShopSettings settings) {
        this.users = users;
        this.tokens = tokens;
        this.adminEmails = settings.adminEmails();
        this.adminInvitation = settings.adminInvitation();
    }

    /** Creates the account unless the e-mail has one; the caller cannot tell which (the same work either way). */
    public void register(Registration r) {
        String email = ShopSettings.normalizeEmail(r.email());
        String hash = HASHER.hashToString(BCRYPT_COST, r.password().toCharArray());
        String roles = adminEmails.contains(email) && invited(r.invitation()) ? ADMIN : "";
        boolean created = users.insertIfNew(UUID.randomUUID(), email, hash, r.name().trim(), roles) == 1;
        LOG.info(created ? "user registered" : "registration for an existing account ignored");
    }

    /**
     * Each attempt is counted before the password is checked, in one UPDATE that admits no attempt once the
     * limit is reached, so parallel guesses cannot exceed it. bcrypt runs outside any transaction, and an unknown
     * e-mail, a locked account and a wrong password get the same answer after the same work.
     */
    public LoginResult login(String rawEmail, String password) {
        Instant now = Instant.now();
        Optional<User> found = users.findByEmail(ShopSettings.normalizeEmail(rawEmail))
                .filter(u -> users.admitAttempt(u.id(), FAILURES_BEFORE_LOCKOUT, now, now.plus(LOCKOUT)) == 1);
        boolean verified = VERIFIER.verify(password.toCharArray(),
                found.map(User::passwordHash).map(h -> h.getBytes(StandardCharsets.UTF_8)).orElse(DUMMY_HASH)).verified;
        if (found.isEmpty() || !verified) {
            found.ifPresent(u -> LOG.info("failed login for user {}", u.id()));
            throw new HttpStatusException(HttpStatus.UNAUTHORIZED, "email or password is wrong, or the account is locked "
                    + "for a few minutes after " + FAILURES_BEFORE_LOCKOUT + " failed attempts");
        }
        User user = found.get();
        users.recordSuccess(user.id());
        Profile profile = profileOf(user);
        Authentication auth = Authentication.build(user.id().toString(), profile.roles(),
                Map.of("email", user.email(), "name", user.name()));
        String token = tokens.generateToken(auth, TOKEN_SECONDS).orElseThrow();
        return new LoginResult(token, "Bearer", TOKEN_SECONDS, profile);
    }

    public Profile profile(String userId) {
        return users.findById(UUID.fromString(userId)).map(this::profileOf)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "this account no longer exists"));
    }

    public Profile rename(String userId, String name) {
        users.rename(UUID.fromString(userId), name.trim());
        return profile(userId);
    }

    /**
     * An admin registered with the shop's invitation under an admin e-mail, and is admin while the shop's settings still
     * name that e-mail: removing it takes effect at the next login.
     */
    private Profile profileOf(User user) {
        return new Profile(user.id(), user.email(), user.name(),
                ADMIN.equals(user.roles()) && adminEmails.contains(user.email()) ? List.of(ADMIN) : List.of());
    }

    private boolean invited(String invitation) {
        return !adminInvitation.isEmpty() && invitation != null && MessageDigest.isEqual(
                adminInvitation.getBytes(StandardCharsets.UTF_8), invitation.getBytes(StandardCharsets.UTF_8));
    }
}
