package dev.shopfleet.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the cluster's service-account issuer and the kubelet do for pods, for services run on loopback: a signing key
 * whose public half is written where services read the issuer's keys, and each service's token files, one per callee,
 * issued for that callee's audience. One per test JVM.
 */
public final class WorkloadIssuer {
    public static final String ISSUER = "https://issuer.shopfleet.test";
    /** The namespace shops run in on loopback. */
    public static final String NAMESPACE = "loopback";
    private static final Duration LIFETIME = Duration.ofHours(2);
    private static WorkloadIssuer shared;

    private record Workload(String shop, ShopService service) {
    }
    private final Path dir;
    private final Path keys;
    /** Every shop and service whose token files were written, so a rotation renews them all. */
    private final Map<Path, Workload> tokenDirs = new HashMap<>();
    private volatile RSAKey key;
    private int generation;

    private WorkloadIssuer() {
        try {
            dir = Files.createTempDirectory("shopfleet-workload");
            keys = dir.resolve(ShopContract.WORKLOAD_KEYS_FILE);
            key = newKey();
            writeKeys(List.of(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the cluster does when it rotates its signing key: the new key is published next to the old one, and every
     * token the kubelet renews from then on is signed with it.
     */
    public synchronized void rotate() {
        RSAKey old = key;
        key = newKey();
        writeKeys(List.of(old, key));
        tokenDirs.forEach((tokens, workload) -> writeTokens(tokens, workload.shop(), workload.service()));
    }

    /** Publishes the current key alone: tokens the older ones signed are no longer good anywhere. */
    public synchronized void retireOldKeys() {
        writeKeys(List.of(key));
    }

    private RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("loopback-issuer-" + (++generation)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void writeKeys(List<RSAKey> published) {
        try {
            Files.writeString(keys, new JWKSet(published.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList())
                    .toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized WorkloadIssuer shared() {
        if (shared == null) {
            shared = new WorkloadIssuer();
        }
        return shared;
    }

    /** The token {@code caller} of {@code shop} presents to {@code callee}. */
    public String token(String shop, ShopService caller, ShopService callee) {
        return token(ShopContract.workloadSubject(NAMESPACE, shop, caller), ShopContract.workloadAudience(NAMESPACE, shop, callee),
                LIFETIME);
    }

    /** Any token this issuer could sign: for tests of what a service refuses. */
    public String token(String subject, String audience, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).audience(List.of(audience))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime))).build();
        try {
            RSAKey signing = key;
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signing.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signing));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The contract's identity variables for {@code self} of {@code shop}, its token files written. */
    public synchronized Map<String, String> env(String shop, ShopService self) {
        Path tokens = dir.resolve(shop + "-" + self.id());
        writeTokens(tokens, shop, self);
        tokenDirs.put(tokens, new Workload(shop, self));
        Map<String, String> env = new HashMap<>();
        env.put(ShopContract.ENV_NAMESPACE, NAMESPACE);
        env.put(ShopContract.ENV_WORKLOAD_ISSUER, ISSUER);
        env.put(ShopContract.ENV_WORKLOAD_KEYS, keys.toString());
        env.put(ShopContract.ENV_WORKLOAD_TOKENS, tokens.toString());
        return env;
    }

    private void writeTokens(Path tokens, String shop, ShopService self) {
        try {
            Files.createDirectories(tokens);
            for (ShopService callee : self.calls()) {
                Files.writeString(tokens.resolve(callee.id()), token(shop, self, callee));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
