package io.boxoffice.payments;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which payment provider takes the money, and how.
 *
 * @param provider {@code test} (the built-in provider: {@code test_ok} approves, {@code
 *     test_declined} declines) or {@code stripe}
 * @param testProviderAllowed the test provider on an external database or in the {@code
 *     production} profile: refused at start-up unless this is true (a staging or load-test
 *     deployment), so that nobody gets real tickets for {@code test_ok}
 * @param attemptHold how far a payment in flight extends its order's hold, so that the hold does not
 *     run out while the provider answers
 * @param reconcileAfter a payment attempt whose outcome is not known this long after it started (the
 *     node died, the provider timed out) is asked about by the reconciliation job
 * @param actionTimeout how long a buyer has to complete the provider's challenge (3-D Secure) before
 *     the attempt is cancelled at the provider and the hold may run out
 * @param stripe the Stripe account, for {@code provider=stripe}
 */
@Validated
@ConfigurationProperties("boxoffice.payments")
public record PaymentSettings(
        @DefaultValue("test") @NotNull Provider provider,
        @DefaultValue("false") boolean testProviderAllowed,
        @DefaultValue("10m") @DurationMin(seconds = 30) Duration attemptHold,
        @DefaultValue("30s") @DurationMin(seconds = 1) Duration reconcileAfter,
        @DefaultValue("15m") @DurationMin(minutes = 1) Duration actionTimeout,
        @DefaultValue @Valid Stripe stripe) {

    /** The payment providers Boxoffice can use. */
    public enum Provider {
        TEST,
        STRIPE
    }

    /**
     * A Stripe account. The keys are secrets: they come from the environment or a secret store,
     * and never appear in logs ({@link #toString()} leaves them out).
     *
     * @param apiKey the secret API key ({@code sk_live_…} or {@code sk_test_…})
     * @param publishableKey the publishable key the checkout page's Payment Element uses
     * @param webhookSecret the signing secret of the webhook endpoint ({@code whsec_…})
     * @param apiBase Stripe's API, or a local server that speaks it (tests)
     * @param timeout the longest one call to Stripe may take; a call that takes longer has an
     *     unknown outcome, which reconciliation settles
     * @param webhookTolerance how old a webhook's signed timestamp may be
     * @param returnUrl where Stripe sends a buyer back after a redirect challenge (3-D Secure);
     *     unset, the site's order page
     */
    public record Stripe(
            @Nullable String apiKey,
            @Nullable String publishableKey,
            @Nullable String webhookSecret,
            @DefaultValue("https://api.stripe.com") @NotNull URI apiBase,
            @DefaultValue("20s") @DurationMin(millis = 100) Duration timeout,
            @DefaultValue("5m") @DurationMin(seconds = 1) Duration webhookTolerance,
            @Nullable String returnUrl) {

        @Override
        public String toString() {
            return "Stripe[apiBase=" + apiBase + ", timeout=" + timeout + ", apiKey="
                    + (apiKey == null ? "unset" : "set") + ", webhookSecret="
                    + (webhookSecret == null ? "unset" : "set") + "]";
        }
    }
}
