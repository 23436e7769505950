package dev.shopfleet.users;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.ApplicationConfiguration;
import io.micronaut.security.token.claims.ClaimsAudienceProvider;
import io.micronaut.security.token.claims.JtiGenerator;
import io.micronaut.security.token.config.TokenConfiguration;
import io.micronaut.security.token.jwt.generator.claims.JWTClaimsSetGenerator;
import jakarta.inject.Singleton;

/** Shopper tokens name this shop's users as issuer and the shop's services as audience; those check both. */
@Singleton
@Replaces(JWTClaimsSetGenerator.class)
class ShopperClaims extends JWTClaimsSetGenerator {
    private final String issuer;
    private final String audience;

    ShopperClaims(TokenConfiguration tokenConfiguration, @Nullable JtiGenerator jti, @Nullable ClaimsAudienceProvider audiences,
                  ApplicationConfiguration application, @Value("${shop.tokens.issuer}") String issuer,
                  @Value("${shop.tokens.audience}") String audience) {
        super(tokenConfiguration, jti, audiences, application);
        this.issuer = issuer;
        this.audience = audience;
    }

    @Override
    protected void populateIss(JWTClaimsSet.Builder builder) {
        builder.issuer(issuer);
    }

    @Override
    protected void populateAud(JWTClaimsSet.Builder builder) {
        builder.audience(audience);
    }
}
