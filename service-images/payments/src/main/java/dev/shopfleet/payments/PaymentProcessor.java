package dev.shopfleet.payments;

/**
 * A card payment provider. The service keeps its own records (one payment per order) and talks to the
 * provider only through this interface, with the order id as the provider's idempotency key; a real provider
 * plugs in here. Implementations may block; the caller bounds how long it waits.
 */
public interface PaymentProcessor {
    /** Hands the card to the provider, which keeps it; what comes back is safe to store. */
    CardReference tokenize(Card card);

    Authorization authorize(String paymentId, String cardReference, long amountMinor, String currency);

    void capture(String paymentId);

    /** Releases an authorization that was not captured; harmless if there is none. */
    void voidAuthorization(String paymentId);

    void refund(String paymentId);

    record Card(String number, int expiryMonth, int expiryYear, String cvc) {
        @Override
        public String toString() { // never the number or the code, whoever logs this
            return "Card[**** " + number.substring(number.length() - 4) + "]";
        }
    }

    record CardReference(String reference, String brand, String last4) {
    }

    record Authorization(boolean approved, String declineReason) {
        static Authorization approvedOne() {
            return new Authorization(true, null);
        }

        static Authorization declined(String reason) {
            return new Authorization(false, reason);
        }
    }
}
