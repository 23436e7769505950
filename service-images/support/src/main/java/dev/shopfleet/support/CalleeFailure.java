package dev.shopfleet.support;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.retry.annotation.RetryPredicate;

/**
 * What counts against a callee in a circuit breaker or a retry: its own failures (5xx, timeouts, refused or dropped
 * connections), never a 4xx, which is its answer to one caller's request (a wrong password, an unknown SKU) and says
 * nothing about its health. So one shopper's bad request cannot open a circuit for everyone else.
 */
public final class CalleeFailure implements RetryPredicate {
    @Override
    public boolean test(Throwable failure) {
        return !(failure instanceof HttpClientResponseException response) || response.code() >= 500;
    }
}
