package dev.shopfleet.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The remembered tokens answer as Micronaut's validator would at that moment, for any sequence of requests and
 * passing time: never a token past its expiry or one the validator refused, and the validator asked again only when
 * a token was refused, has expired, or was verified more than {@link VerifiedShopperTokens#MAX_AGE} ago.
 */
class VerifiedShopperTokensTest {
    private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");

    /** A request for token {@code token} after {@code secondsLater} seconds have passed. */
    record Step(int token, int secondsLater) {
    }

    @Property(tries = 300)
    void answersAsTheValidatorWouldAndAsksItOnlyWhenItMust(@ForAll("tokens") List<Integer> lifetimes,
            @ForAll("steps") List<Step> steps) {
        MutableClock clock = new MutableClock(START);
        Validator validator = new Validator(lifetimes, clock);
        var remembering = VerifiedShopperTokens.remembering(validator, clock);
        Map<String, Instant> verifiedAt = new HashMap<>();
        for (Step step : steps) {
            clock.advance(Duration.ofSeconds(step.secondsLater()));
            String token = "token-" + step.token() % lifetimes.size();
            Optional<Authentication> expected = validator.answer(token);
            int asked = validator.asked;

            Optional<Authentication> answer = Mono.from(remembering.validateToken(token, null)).blockOptional();

            assertThat(answer.map(Authentication::getName)).as(token + " at " + clock.instant())
                    .isEqualTo(expected.map(Authentication::getName));
            Instant last = verifiedAt.get(token);
            boolean mayRemember = expected.isPresent() && last != null
                    && clock.instant().isBefore(last.plus(VerifiedShopperTokens.MAX_AGE));
            if (mayRemember) {
                assertThat(validator.asked).as("remembered " + token).isEqualTo(asked);
            }
            if (validator.asked > asked) {
                if (answer.isPresent()) {
                    verifiedAt.put(token, clock.instant());
                } else {
                    verifiedAt.remove(token);
                }
            }
        }
    }

    /** Micronaut's own validator, where the services take shoppers' tokens, comes wrapped. */
    @Example
    void theServicesValidatorRemembers() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("shop.service", "cart", "shop.name", "shop",
                "shop.workload.namespace", "ns", "shop.workload.issuer", "issuer", "shop.workload.keys", "/nonexistent",
                "shop.workload.tokens", "/nonexistent",
                "micronaut.security.token.jwt.signatures.jwks.users.url", "http://127.0.0.1:9/keys"))) {
            assertThat(context.getBeansOfType(TokenValidator.class)).isNotEmpty()
                    .allSatisfy(v -> assertThat(v.getClass().getEnclosingClass()).isEqualTo(VerifiedShopperTokens.class));
        }
    }

    /** Each token's lifetime in seconds from the start; a negative one is a token the validator refuses. */
    @Provide
    Arbitrary<List<Integer>> tokens() {
        return Arbitraries.integers().between(-1, 300).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 40))
                .as(Step::new).list().ofMaxSize(60);
    }

    /** Stands in for Micronaut's validator: a token is good until its exp unless its lifetime is negative. */
    private static final class Validator implements ReactiveJsonWebTokenValidator<Object, Object> {
        private final List<Integer> lifetimes;
        private final Clock clock;
        int asked;

        Validator(List<Integer> lifetimes, Clock clock) {
            this.lifetimes = lifetimes;
            this.clock = clock;
        }

        Optional<Authentication> answer(String token) {
            int lifetime = lifetimes.get(Integer.parseInt(token.substring("token-".length())));
            Instant exp = START.plusSeconds(lifetime);
            return lifetime < 0 || !clock.instant().isBefore(exp) ? Optional.empty()
                    : Optional.of(Authentication.build(token, Map.of("exp", Date.from(exp))));
        }

        @Override
        public Publisher<Authentication> validateToken(String token, Object request) {
            asked++;
            return Mono.justOrEmpty(answer(token));
        }

        @Override
        public Publisher<Object> validate(String token, Object request) {
            return Mono.empty();
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
