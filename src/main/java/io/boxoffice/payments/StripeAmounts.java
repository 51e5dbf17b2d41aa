package io.boxoffice.payments;

import java.util.Locale;
import java.util.Set;

/**
 * Boxoffice prices in hundredths of a currency's unit; Stripe takes amounts in the currency's
 * smallest unit as it defines them: whole units for its zero-decimal currencies (a price must then
 * be a whole number of units, which the catalog checks), thousandths for its three-decimal ones,
 * hundredths for the rest.
 */
final class StripeAmounts {

    /** Stripe's zero-decimal currencies. */
    static final Set<String> ZERO_DECIMAL = Set.of(
            "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF",
            "XPF");

    /** Stripe's three-decimal currencies (the last digit must be 0, which hundredths times ten always is). */
    static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    private StripeAmounts() {}

    /** {@code cents} of {@code currency} in Stripe's unit. */
    static long of(long cents, String currency) {
        String code = currency.toUpperCase(Locale.ROOT);
        if (ZERO_DECIMAL.contains(code)) {
            if (cents % 100 != 0) {
                throw new IllegalArgumentException(cents + " hundredths of " + code + " is not a whole amount");
            }
            return cents / 100;
        }
        if (THREE_DECIMAL.contains(code)) {
            return Math.multiplyExact(cents, 10);
        }
        return cents;
    }

    /** An amount in Stripe's unit of {@code currency}, in hundredths. */
    static long toCents(long amount, String currency) {
        String code = currency.toUpperCase(Locale.ROOT);
        if (ZERO_DECIMAL.contains(code)) {
            return Math.multiplyExact(amount, 100);
        }
        if (THREE_DECIMAL.contains(code)) {
            return amount / 10;
        }
        return amount;
    }
}
