package io.boxoffice.payments;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The built-in provider for development and tests: {@code test_ok} approves, {@code test_declined}
 * declines. It moves no money and answers at once; its outcome depends on the method alone, so
 * asking again gives the same answer.
 */
final class TestPaymentProvider implements PaymentProvider {

    static final String NAME = "test";
    static final Set<String> METHODS = Set.of("test_ok", "test_declined");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(String paymentMethod) {
        return METHODS.contains(paymentMethod);
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        return "test_ok".equals(request.paymentMethod())
                ? new ChargeOutcome.Succeeded("test_" + request.orderId() + "_" + request.attempt())
                : new ChargeOutcome.Declined(null, "The test card was declined.");
    }

    @Override
    public ChargeOutcome find(ChargeRequest request, @Nullable String reference) {
        return charge(request);
    }

    @Override
    public ChargeOutcome cancel(ChargeRequest request, String reference) {
        return new ChargeOutcome.Cancelled(reference);
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        return new RefundOutcome.Succeeded("test_refund_" + request.refundId());
    }
}
