package io.boxoffice.payments;

import org.jspecify.annotations.Nullable;

/** What a provider says of a refund. */
public sealed interface RefundOutcome {

    /** The money is on its way back. */
    record Succeeded(String reference) implements RefundOutcome {}

    /** Accepted; the provider says later whether it went through. */
    record Pending(String reference) implements RefundOutcome {}

    /** The provider refused it (the charge is disputed, the account has no balance): retried later. */
    record Failed(@Nullable String reference, String reason) implements RefundOutcome {}
}
