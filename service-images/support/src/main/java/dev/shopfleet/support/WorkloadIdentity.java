package dev.shopfleet.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is calling, proven: each service-to-service call carries the caller's ServiceAccount token, issued by the
 * cluster for this one callee (its audience) and short-lived; it is checked here against the cluster's public keys,
 * and the caller it names against the call graph. A token file and the keys file are read again when they change,
 * so the kubelet's and the issuer's rotations need no restart.
 */
@Singleton
public class WorkloadIdentity {
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final int MAX_VERIFIED = 256;
    private final ShopService self;
    private final String shop;
    private final String namespace;
    private final String issuer;
    private final Path keysFile;
    private final Path tokensDir;
    private volatile Keys keys = Keys.of(Instant.EPOCH, new JWKSet());

    /** What a check found: the caller, or the status and reason to refuse with. */
    public record Verdict(Optional<ShopService> caller, HttpStatus status, String reason) {
        static Verdict refuse(HttpStatus status, String reason) {
            return new Verdict(Optional.empty(), status, reason);
        }
    }

    /**
     * The issuer's keys as last read, and the tokens already found signed with them: a caller presents the same
     * token until the kubelet rotates it, so its RSA check (a fifth of a busy service's CPU) runs once per token.
     * New keys start with none verified, so a retired key's tokens are checked again, and refused.
     */
    private record Keys(Instant modified, JWKSet set, Map<String, JWTClaimsSet> verified) {
        static Keys of(Instant modified, JWKSet set) {
            return new Keys(modified, set, new ConcurrentHashMap<>());
        }
    }

    WorkloadIdentity(@Value("${shop.service}") String self, @Value("${shop.name}") String shop,
            @Value("${shop.workload.namespace}") String namespace, @Value("${shop.workload.issuer}") String issuer,
            @Value("${shop.workload.keys}") String keysFile, @Value("${shop.workload.tokens}") String tokensDir) {
        this.self = ShopService.fromId(self);
        this.shop = shop;
        this.namespace = namespace;
        this.issuer = issuer;
        this.keysFile = Path.of(keysFile);
        this.tokensDir = Path.of(tokensDir);
    }

    /** The token to present to {@code callee}, as the kubelet last wrote it; empty if this service may not call it. */
    public Optional<String> tokenFor(ShopService callee) {
        Path file = tokensDir.resolve(callee.id());
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Verdict verify(String token) {
        if (token == null || token.isBlank()) {
            return Verdict.refuse(HttpStatus.UNAUTHORIZED, "a workload token (" + ShopContract.WORKLOAD_TOKEN_HEADER + ") is required");
        }
        JWTClaimsSet claims;
        try {
            claims = signedClaims(token);
        } catch (ParseException | JOSEException e) {
            return Verdict.refuse(HttpStatus.UNAUTHORIZED, "the workload token is not a signed JWT");
        }
        if (claims == null) {
            return Verdict.refuse(HttpStatus.UNAUTHORIZED, "the workload token's signature is not the issuer's");
        }
        Instant now = Instant.now();
        if (!issuer.equals(claims.getIssuer()) || claims.getAudience() == null
                || !claims.getAudience().contains(ShopContract.workloadAudience(namespace, shop, self))) {
            return Verdict.refuse(HttpStatus.UNAUTHORIZED, "the workload token is not for " + self.id() + " of this shop");
        }
        if (before(claims.getExpirationTime(), now.minus(CLOCK_SKEW)) || after(claims.getNotBeforeTime(), now.plus(CLOCK_SKEW))) {
            return Verdict.refuse(HttpStatus.UNAUTHORIZED, "the workload token has expired or is not valid yet");
        }
        return self.callers().stream()
                .filter(caller -> ShopContract.workloadSubject(namespace, shop, caller).equals(claims.getSubject()))
                .findFirst()
                .map(caller -> new Verdict(Optional.of(caller), HttpStatus.OK, ""))
                .orElseGet(() -> Verdict.refuse(HttpStatus.FORBIDDEN, claims.getSubject() + " may not call " + self.id()));
    }

    /** The token's claims if the issuer's current keys signed it, else null. */
    private JWTClaimsSet signedClaims(String token) throws ParseException, JOSEException {
        Keys current = currentKeys();
        JWTClaimsSet known = current.verified().get(token);
        if (known != null) {
            return known;
        }
        SignedJWT jwt = SignedJWT.parse(token);
        if (!signedBy(current.set(), jwt)) {
            return null;
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        if (current.verified().size() >= MAX_VERIFIED) {
            current.verified().clear(); // a service has a few callers, each a token at a time: many more start over
        }
        current.verified().put(token, claims);
        return claims;
    }

    private static boolean signedBy(JWKSet keys, SignedJWT jwt) throws JOSEException {
        List<JWK> candidates = keys.getKeys().stream()
                .filter(k -> jwt.getHeader().getKeyID() == null || jwt.getHeader().getKeyID().equals(k.getKeyID()))
                .filter(k -> k instanceof RSAKey)
                .toList();
        for (JWK key : candidates) {
            JWSVerifier verifier = new RSASSAVerifier((RSAKey) key);
            if (jwt.verify(verifier)) {
                return true;
            }
        }
        return false;
    }

    private Keys currentKeys() {
        try {
            Instant modified = Files.getLastModifiedTime(keysFile).toInstant();
            Keys current = keys;
            if (!modified.equals(current.modified())) {
                current = Keys.of(modified, JWKSet.parse(Files.readString(keysFile, StandardCharsets.UTF_8)));
                keys = current;
            }
            return current;
        } catch (IOException | ParseException e) {
            return keys; // being rewritten (the kubelet swaps a symlink): the keys last read still hold
        }
    }

    private static boolean before(Date date, Instant instant) {
        return date == null || date.toInstant().isBefore(instant);
    }

    private static boolean after(Date date, Instant instant) {
        return date != null && date.toInstant().isAfter(instant);
    }
}
