package dev.shopfleet.support;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;

/**
 * A shopper's token verified once, not on every request: a shopper sends the same token with each request until it
 * expires, and its RSA check was a fifth of cart's CPU under checkout (JFR, 2026-12-07). Micronaut Security's validator
 * is wrapped where it is made, so every service that takes shoppers' tokens remembers them.
 * <p>
 * A token is taken from memory only until it expires and for at most {@link #MAX_AGE}: as long as a service keeps
 * users' keys (the JWKS cache's 60 s), so a key users withdraws stops being honoured about as soon as without this.
 * Only the exact token verified is remembered (its signature included); a refused one is checked again each time.
 */
@Singleton
final class VerifiedShopperTokens implements BeanCreatedEventListener<ReactiveJsonWebTokenValidator<?, ?>> {
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    /** Far more shoppers than a service serves within a minute; past it the memory starts over. */
    static final int MAX_REMEMBERED = 10_000;

    @Override
    public ReactiveJsonWebTokenValidator<?, ?> onCreated(BeanCreatedEvent<ReactiveJsonWebTokenValidator<?, ?>> event) {
        return remembering(event.getBean(), Clock.systemUTC());
    }

    static <T, R> ReactiveJsonWebTokenValidator<T, R> remembering(ReactiveJsonWebTokenValidator<T, R> validator, Clock clock) {
        return new Remembering<>(validator, clock);
    }

    private record Verified(Authentication authentication, Instant until) {
    }

    private static final class Remembering<T, R> implements ReactiveJsonWebTokenValidator<T, R> {
        private final ReactiveJsonWebTokenValidator<T, R> validator;
        private final Clock clock;
        private final Map<String, Verified> verified = new ConcurrentHashMap<>();

        Remembering(ReactiveJsonWebTokenValidator<T, R> validator, Clock clock) {
            this.validator = validator;
            this.clock = clock;
        }

        @Override
        public Publisher<Authentication> validateToken(String token, R request) {
            Instant now = clock.instant();
            Verified known = verified.get(token);
            if (known != null) {
                if (now.isBefore(known.until())) {
                    return Publishers.just(known.authentication());
                }
                verified.remove(token, known);
            }
            return Publishers.then(validator.validateToken(token, request), a -> remember(token, a, now));
        }

        private void remember(String token, Authentication authentication, Instant now) {
            Instant expires = expiry(authentication.getAttributes().get("exp"));
            if (expires == null) {
                return; // a token without an expiry is checked each time
            }
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            Instant latest = now.plus(MAX_AGE);
            verified.put(token, new Verified(authentication, expires.isBefore(latest) ? expires : latest));
        }

        /** The exp claim as Micronaut's authentication carries it (Nimbus gives a Date; seconds if numeric). */
        private static Instant expiry(Object exp) {
            if (exp instanceof Date date) {
                return date.toInstant();
            }
            return exp instanceof Number seconds ? Instant.ofEpochSecond(seconds.longValue()) : null;
        }

        @Override
        public Publisher<T> validate(String token, R request) {
            return validator.validate(token, request);
        }

        @Override
        public int getOrder() {
            return validator.getOrder();
        }
    }
}
