package dev.shopfleet.users;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.micronaut.context.annotation.Context;
import io.micronaut.security.token.jwt.endpoints.JwkProvider;
import io.micronaut.security.token.jwt.signature.rsa.RSASignatureGeneratorConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;

/**
 * The RSA key users signs tokens with. Generated once and kept in users' own database, so every replica
 * and every restart signs with the same key; only its public half ever leaves (the /keys JWKS).
 */
@Context // made at startup: a service that cannot sign must not report ready
@Singleton
@Named("generator")
public class SigningKey implements RSASignatureGeneratorConfiguration, JwkProvider {
    private static final String CURRENT = "current";
    private final RSAKey key;

    SigningKey(SigningKeyRepository repository) {
        if (repository.key(CURRENT).isEmpty()) {
            repository.insertKeyIfAbsent(CURRENT, generate().toJSONString()); // a racing replica's key wins if first
        }
        try {
            key = RSAKey.parse(repository.key(CURRENT).orElseThrow());
        } catch (ParseException e) {
            throw new IllegalStateException("users' signing key in the database is not a JWK", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public RSAPrivateKey getPrivateKey() {
        try {
            return key.toRSAPrivateKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public RSAPublicKey getPublicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public JWSAlgorithm getJwsAlgorithm() {
        return JWSAlgorithm.RS256;
    }

    @Override
    public List<JWK> retrieveJsonWebKeys() {
        return List.of(key.toPublicJWK());
    }
}
