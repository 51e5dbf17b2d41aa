package io.boxoffice.payments;

import java.util.UUID;

/**
 * Money back from a charge: all of it or part. {@code refundId} is Boxoffice's id of this refund,
 * and the provider's idempotency key, so a refund sent twice moves money once.
 */
public record RefundRequest(UUID refundId, String provider, String chargeReference, long amountCents, String currency) {

    public String idempotencyKey() {
        return "boxoffice-refund-" + refundId;
    }
}
