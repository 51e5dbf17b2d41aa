package io.boxoffice.payments;

import org.jspecify.annotations.Nullable;

/** What a provider says of a charge attempt. A call that could not say anything throws {@link ProviderUnavailable}. */
public sealed interface ChargeOutcome {

    /** The provider's id of the charge (a PaymentIntent's {@code pi_…}); null if it never made one. */
    @Nullable
    String reference();

    /** The money is taken. */
    record Succeeded(String reference) implements ChargeOutcome {}

    /** The payment method was refused; the order stays held, and the buyer may try another. */
    record Declined(@Nullable String reference, String reason) implements ChargeOutcome {}

    /**
     * The buyer must act (3-D Secure): the page completes it with {@code clientSecret}, or the buyer
     * follows {@code nextActionUrl}; the outcome arrives later (webhook, reconciliation).
     */
    record ActionRequired(
            String reference, String clientSecret, @Nullable String nextActionUrl) implements ChargeOutcome {}

    /** Accepted, and the provider will say later whether it succeeded. */
    record Processing(String reference) implements ChargeOutcome {}

    /** Given up before any money moved (a challenge the buyer never completed). */
    record Cancelled(@Nullable String reference) implements ChargeOutcome {}
}
