package io.boxoffice.payments;

import org.jspecify.annotations.Nullable;

/**
 * A payment service provider. Every call may go over the network: the caller holds no database
 * transaction or lock while it runs, and a call that cannot tell its outcome throws {@link
 * ProviderUnavailable}.
 */
interface PaymentProvider {

    /** The provider's name, as recorded with each payment: {@code test}, {@code stripe}. */
    String name();

    /** Whether this provider handles the payment method the buyer chose. */
    boolean supports(String paymentMethod);

    /** Charges the order's total; the same request again (same attempt) charges at most once. */
    ChargeOutcome charge(ChargeRequest request);

    /**
     * Where a charge attempt stands now: by the provider's reference if the first call returned
     * one, else by sending the same request again, which the provider answers from its first run.
     */
    ChargeOutcome find(ChargeRequest request, @Nullable String reference);

    /** Gives up an attempt that waits for the buyer (3-D Secure never completed); says where it ended. */
    ChargeOutcome cancel(ChargeRequest request, String reference);

    /** Sends money back from a charge this provider made; the same refund again moves money once. */
    RefundOutcome refund(RefundRequest request);
}
