package dev.shopfleet.payments;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A payment provider simulator with test cards (the table is in README.md). Any other valid card number is
 * approved. The outcome travels in the card reference, so the simulator keeps no state and no card numbers.
 */
@Singleton
public class SimulatedProcessor implements PaymentProcessor {
    static final Map<String, String> TEST_CARDS = Map.of(
            "4242424242424242", "approve",
            "5555555555554444", "approve",
            "4000000000000002", "decline",
            "4000000000009995", "nofunds",
            "4000000000000119", "hang",
            "4000000000000259", "hangafter");
    /** Payments whose card approves and then hangs on every later call (capture, void, refund). */
    private final Set<String> hangingAfterApproval = ConcurrentHashMap.newKeySet();
    private final Duration hang;

    SimulatedProcessor(@Value("${payments.simulator.hang:30s}") Duration hang) {
        this.hang = hang;
    }

    @Override
    public CardReference tokenize(Card card) {
        String behaviour = TEST_CARDS.getOrDefault(card.number(), "approve");
        return new CardReference("sim_" + behaviour + "_" + UUID.randomUUID(), brand(card.number()),
                card.number().substring(card.number().length() - 4));
    }

    @Override
    public Authorization authorize(String paymentId, String cardReference, long amountMinor, String currency) {
        return switch (cardReference.split("_")[1]) {
            case "decline" -> Authorization.declined("card declined");
            case "nofunds" -> Authorization.declined("insufficient funds");
            case "hang" -> {
                hang(); // a provider that does not answer: the caller's timeout decides
                yield Authorization.approvedOne();
            }
            case "hangafter" -> {
                hangingAfterApproval.add(paymentId);
                yield Authorization.approvedOne();
            }
            default -> Authorization.approvedOne();
        };
    }

    @Override
    public void capture(String paymentId) {
        hangIf(paymentId);
    }

    @Override
    public void voidAuthorization(String paymentId) {
        hangIf(paymentId);
    }

    @Override
    public void refund(String paymentId) {
        hangIf(paymentId);
    }

    private void hangIf(String paymentId) {
        if (hangingAfterApproval.contains(paymentId)) {
            hang();
        }
    }

    private void hang() {
        try {
            Thread.sleep(hang.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String brand(String number) {
        if (number.startsWith("4")) {
            return "visa";
        }
        if (number.startsWith("34") || number.startsWith("37")) {
            return "amex";
        }
        int two = Integer.parseInt(number.substring(0, 2));
        int four = Integer.parseInt(number.substring(0, 4));
        return (two >= 51 && two <= 55) || (four >= 2221 && four <= 2720) ? "mastercard" : "card";
    }
}
