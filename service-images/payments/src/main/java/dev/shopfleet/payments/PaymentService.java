package dev.shopfleet.payments;

import dev.shopfleet.payments.Dtos.AuthorizeRequest;
import dev.shopfleet.payments.Dtos.CardDetails;
import dev.shopfleet.payments.Dtos.PaymentMethodView;
import dev.shopfleet.payments.Dtos.PaymentView;
import dev.shopfleet.payments.PaymentProcessor.Authorization;
import dev.shopfleet.payments.PaymentProcessor.Card;
import dev.shopfleet.payments.PaymentProcessor.CardReference;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One payment per order, the order id its idempotency key: authorizing twice charges once, a cancel that
 * arrives before (or while) the authorization is refused later, and a captured payment is refunded, not voided.
 */
@Singleton
public class PaymentService {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentService.class);
    private final PaymentRepository payments;
    private final PaymentMethodRepository methods;
    private final PaymentProcessor processor;
    private final Duration processorTimeout;
    private final MeterRegistry meters;
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "payment-processor");
        t.setDaemon(true);
        return t;
    });

    PaymentService(PaymentRepository payments, PaymentMethodRepository methods, PaymentProcessor processor,
                   @Value("${payments.processor-timeout:2s}") Duration processorTimeout, MeterRegistry meters) {
        this.payments = payments;
        this.methods = methods;
        this.processor = processor;
        this.processorTimeout = processorTimeout;
        this.meters = meters;
    }

    public PaymentMethodView tokenize(CardDetails details) {
        String number = details.number().replace(" ", "");
        if (number.length() < 12 || number.length() > 19 || !luhn(number)) {
            throw new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "the card number is not valid");
        }
        if (YearMonth.of(details.expiryYear(), details.expiryMonth()).isBefore(YearMonth.now(ZoneOffset.UTC))) {
            throw new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "the card has expired");
        }
        CardReference ref = processor.tokenize(new Card(number, details.expiryMonth(), details.expiryYear(), details.cvc()));
        PaymentMethod method = methods.save(new PaymentMethod("pm_" + UUID.randomUUID().toString().replace("-", ""),
                ref.reference(), ref.brand(), ref.last4(), details.expiryMonth(), details.expiryYear(), Instant.now()));
        return new PaymentMethodView(method.token(), method.brand(), method.last4(), method.expMonth(), method.expYear());
    }

    public PaymentView authorize(AuthorizeRequest request) {
        PaymentMethod method = methods.findById(request.paymentMethod())
                .orElseThrow(() -> new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown payment method"));
        String orderId = request.orderId();
        if (payments.insertPending(orderId, method.token(), request.amountMinor(), request.currency()) == 0) {
            return existing(request);
        }
        Authorization result;
        try {
            result = bounded(() -> processor.authorize(orderId, method.processorRef(), request.amountMinor(), request.currency()));
        } catch (HttpStatusException e) {
            boolean timedOut = e.getStatus() == HttpStatus.GATEWAY_TIMEOUT;
            meters.counter("payments.authorizations", "outcome", timedOut ? "timeout" : "error").increment();
            payments.transition(orderId, "PENDING", "FAILED", e.getMessage());
            voidQuietly(orderId); // it may have approved after we stopped waiting
            LOG.warn("authorization for order {}: {}", orderId, e.getMessage());
            throw e;
        }
        meters.counter("payments.authorizations", "outcome", result.approved() ? "approved" : "declined").increment();
        if (payments.transition(orderId, "PENDING", result.approved() ? "AUTHORIZED" : "DECLINED", result.declineReason()) == 0
                && result.approved()) {
            voidQuietly(orderId); // cancelled while the processor was deciding
        }
        LOG.info("authorization for order {} (card {} ****{}): {}", orderId, method.brand(), method.last4(),
                result.approved() ? "approved" : "declined, " + result.declineReason());
        return view(find(orderId));
    }

    /**
     * No row lock or connection is held while the processor is asked (each statement is its own transaction), and
     * the state moves only from what was read: a capture racing a cancel is undone, never recorded twice.
     */
    public PaymentView capture(String orderId) {
        String status = find(orderId).status();
        switch (status) {
            case "CAPTURED" -> { }
            case "AUTHORIZED" -> {
                bounded(() -> {
                    processor.capture(orderId);
                    return null;
                });
                if (payments.transition(orderId, "AUTHORIZED", "CAPTURED", null) == 0) {
                    refundQuietly(orderId); // cancelled while the processor was capturing
                    throw new HttpStatusException(HttpStatus.CONFLICT, "payment for order " + orderId + " was cancelled");
                }
                meters.counter("payments.captures").increment();
            }
            default -> throw new HttpStatusException(HttpStatus.CONFLICT, "payment for order " + orderId + " is " + status
                    + " and cannot be captured");
        }
        return view(find(orderId));
    }

    /**
     * Undoes whatever happened: voids an authorization, refunds a capture, and when nothing happened yet
     * records the cancel so that an authorization arriving later is refused.
     */
    public PaymentView cancel(String orderId) {
        if (payments.findById(orderId).isEmpty() && payments.insertCancelled(orderId) == 1) {
            return view(find(orderId));
        }
        String status = find(orderId).status();
        switch (status) {
            case "PENDING", "AUTHORIZED" -> undo(orderId, status, "VOIDED", "cancelled", "payments.voids", processor::voidAuthorization);
            case "CAPTURED" -> undo(orderId, status, "REFUNDED", "cancelled after capture", "payments.refunds", processor::refund);
            default -> { } // DECLINED, FAILED, VOIDED, REFUNDED: nothing to undo
        }
        return view(find(orderId));
    }

    private void undo(String orderId, String from, String to, String reason, String counter, Consumer<String> call) {
        bounded(() -> {
            call.accept(orderId);
            return null;
        });
        if (payments.transition(orderId, from, to, reason) == 0) {
            // It moved while the processor was asked (authorized or captured meanwhile): undo what it is now.
            throw new HttpStatusException(HttpStatus.CONFLICT, "payment for order " + orderId + " changed; cancel again");
        }
        meters.counter(counter).increment();
    }

    /** Asks the processor with the same timeout for every call: 504 when it does not answer, 502 when it fails. */
    private <T> T bounded(Callable<T> processorCall) {
        Future<T> call = calls.submit(processorCall);
        try {
            return call.get(processorTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new HttpStatusException(HttpStatus.GATEWAY_TIMEOUT, "the payment processor did not answer in time");
        } catch (ExecutionException e) {
            throw new HttpStatusException(HttpStatus.BAD_GATEWAY, "the payment processor failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "shutting down");
        }
    }

    public Payment find(String orderId) {
        return payments.findById(orderId).orElseThrow(() -> notFound(orderId));
    }

    public PaymentView view(Payment p) {
        String last4 = p.token() == null ? null : methods.findById(p.token()).map(PaymentMethod::last4).orElse(null);
        return new PaymentView(p.orderId(), p.status(), p.reason(), p.amountMinor(), p.currency(), last4, p.updatedAt());
    }

    private PaymentView existing(AuthorizeRequest request) {
        Payment p = find(request.orderId());
        if ("PENDING".equals(p.status())) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "the payment for order " + p.orderId() + " is being authorized");
        }
        if (p.amountMinor() != null && (p.amountMinor() != request.amountMinor() || !p.currency().equals(request.currency()))) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "order " + p.orderId() + " was already paid with another amount");
        }
        return view(p);
    }

    private void voidQuietly(String orderId) {
        CompletableFuture.runAsync(() -> processor.voidAuthorization(orderId), calls)
                .exceptionally(e -> {
                    LOG.error("could not void the authorization of order {}", orderId, e);
                    return null;
                });
    }

    private void refundQuietly(String orderId) {
        CompletableFuture.runAsync(() -> processor.refund(orderId), calls)
                .exceptionally(e -> {
                    LOG.error("could not refund the capture of order {}", orderId, e);
                    return null;
                });
    }

    private static HttpStatusException notFound(String orderId) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "no payment for order " + orderId);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    @PreDestroy
    void close() {
        calls.shutdownNow();
    }
}
