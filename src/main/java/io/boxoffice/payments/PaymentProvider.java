package io.boxoffice.payments;

import java.util.UUID;

/** A payment service provider: charges and refunds an order's total. */
public interface PaymentProvider {

    /** Whether this provider handles the payment method the buyer chose. */
    boolean supports(String paymentMethod);

    /** Charges {@code amountCents} for the order; the result says whether it was approved. */
    Charge charge(UUID orderId, long amountCents, String currency, String paymentMethod);

    /** Refunds a charge this provider approved. */
    void refund(String reference, long amountCents, String currency);

    /** The outcome of a charge: approved with the provider's reference, or declined with a reason. */
    record Charge(boolean approved, String reference, String reason) {

        public static Charge approved(String reference) {
            return new Charge(true, reference, "");
        }

        public static Charge declined(String reason) {
            return new Charge(false, "", reason);
        }
    }
}
