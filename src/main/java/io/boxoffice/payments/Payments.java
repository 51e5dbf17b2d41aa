package io.boxoffice.payments;

import io.boxoffice.platform.domain.DomainException;
import io.boxoffice.platform.domain.InvalidInput;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The payments module's facade: which provider takes a payment method, and the calls to it, each
 * timed ({@code boxoffice.payments.provider.calls}). Every call may go over the network: callers
 * make them with no database transaction open and no lock held, and record what they learn after.
 */
public class Payments {

    private final PaymentProvider active;
    private final Map<String, PaymentProvider> byName;
    private final PaymentSettings settings;
    private final MeterRegistry meters;

    Payments(PaymentProvider active, PaymentSettings settings, MeterRegistry meters) {
        this.active = active;
        this.byName = Map.of(active.name(), active);
        this.settings = settings;
        this.meters = meters;
    }

    /**
     * The name of the provider that takes {@code paymentMethod}. The test provider's methods on a
     * deployment that does not use it are refused with their own problem; anything else unknown is
     * a validation error.
     */
    public String providerFor(String paymentMethod) {
        if (active.supports(paymentMethod)) {
            return active.name();
        }
        if (TestPaymentProvider.METHODS.contains(paymentMethod)) {
            throw new TestPaymentsDisabled();
        }
        throw new InvalidInput("paymentMethod", "is not a payment method Boxoffice accepts");
    }

    /** Stripe's publishable key, for the checkout page's Payment Element; null unless Stripe takes payments. */
    public @Nullable String stripePublishableKey() {
        return StripeProvider.NAME.equals(active.name()) ? settings.stripe().publishableKey() : null;
    }

    /** {@code cents} of {@code currency} in the unit the provider's page script takes (Stripe's smallest unit). */
    public long providerAmount(long cents, String currency) {
        return StripeProvider.NAME.equals(active.name()) ? StripeAmounts.of(cents, currency) : cents;
    }

    public ChargeOutcome charge(String provider, ChargeRequest request) {
        return timed(provider, "charge", () -> providerNamed(provider).charge(request));
    }

    public ChargeOutcome find(String provider, ChargeRequest request, @Nullable String reference) {
        return timed(provider, "find", () -> providerNamed(provider).find(request, reference));
    }

    public ChargeOutcome cancel(String provider, ChargeRequest request, String reference) {
        return timed(provider, "cancel", () -> providerNamed(provider).cancel(request, reference));
    }

    public RefundOutcome refund(RefundRequest request) {
        return timed(
                request.provider(),
                "refund",
                () -> providerNamed(request.provider()).refund(request));
    }

    /** Counts an attempt's final outcome ({@code boxoffice_payments_total{provider,outcome}}), once per attempt. */
    public void resolved(String provider, String outcome) {
        Counter.builder("boxoffice.payments")
                .description("Payment attempts by how they ended")
                .tag("provider", provider)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    private PaymentProvider providerNamed(String provider) {
        PaymentProvider named = byName.get(provider);
        if (named == null) {
            throw new ProviderUnavailable(
                    "payments of provider " + provider + " cannot be handled: this deployment uses "
                            + byName.keySet().stream().collect(Collectors.joining(", ")),
                    null);
        }
        return named;
    }

    private <T> T timed(String provider, String call, Supplier<T> work) {
        long started = System.nanoTime();
        String outcome = "unavailable";
        try {
            T result = work.get();
            outcome = result.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            return result;
        } finally {
            Timer.builder("boxoffice.payments.provider.calls")
                    .description("Calls to the payment provider, by call and what it answered")
                    .tag("provider", provider)
                    .tag("call", call)
                    .tag("outcome", outcome)
                    .register(meters)
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** A test payment method on a deployment whose payments are real. */
    static final class TestPaymentsDisabled extends DomainException {
        TestPaymentsDisabled() {
            super(
                    Kind.UNPROCESSABLE,
                    "test-payments-disabled",
                    "This deployment takes real payments: the test payment methods are not accepted.");
        }
    }
}
