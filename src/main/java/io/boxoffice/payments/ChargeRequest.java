package io.boxoffice.payments;

import java.util.UUID;

/**
 * One attempt to charge an order's total: the {@code attempt}-th of the order, so that a retry of
 * the same attempt (a timeout, a crash, reconciliation) carries the same idempotency key and the
 * provider charges at most once per attempt.
 *
 * @param amountCents the order's total in hundredths of the currency unit, as Boxoffice prices it
 * @param paymentMethod what the buyer chose: {@code test_ok}, or a Stripe payment method id
 */
public record ChargeRequest(
        UUID orderId, UUID organizerId, int attempt, long amountCents, String currency, String paymentMethod) {

    /** The key the provider deduplicates this attempt by. */
    public String idempotencyKey() {
        return "boxoffice-charge-" + orderId + "-" + attempt;
    }
}
