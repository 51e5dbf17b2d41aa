package io.boxoffice.payments;

/**
 * A provider call whose outcome is unknown: no answer in time, a network error, a 5xx. The money
 * may or may not have moved; the same request sent again (same idempotency key) finds out.
 */
public final class ProviderUnavailable extends RuntimeException {

    public ProviderUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
