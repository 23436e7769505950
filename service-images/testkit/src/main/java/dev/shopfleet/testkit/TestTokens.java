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
import com.sun.net.httpserver.HttpServer;
import dev.shopfleet.contract.ShopContract;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Stands in for users' key publishing in a single service's tests: signs tokens with a key of its own and
 * serves its public half as a JWKS on loopback, the way users does. Services verify with it exactly as they
 * verify users' tokens. (The cross-service tests use the real users service.)
 */
public final class TestTokens implements AutoCloseable {
    /** The shop whose services accept these tokens: ServiceProcess's default shop. */
    private static final String SHOP = "shop";
    private final RSAKey key;
    private final HttpServer server;

    public TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext(ShopContract.USERS_KEYS_PATH, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
    }

    /** The public keys as users publishes them (JWKS), for a stand-in users to serve. */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** What a service is given as SHOP_USERS_URL to find these keys. */
    public String usersUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String token(String subject, List<String> roles) {
        return token(subject, roles, Duration.ofMinutes(10));
    }

    public String token(String subject, List<String> roles, Duration lifetime) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).claim("roles", roles)
                    .issuer(ShopContract.shopperTokenIssuer(WorkloadIssuer.NAMESPACE, SHOP))
                    .audience(ShopContract.shopperTokenAudience(WorkloadIssuer.NAMESPACE, SHOP))
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(lifetime))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, String> env() {
        return Map.of("SHOP_USERS_URL", usersUrl());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
