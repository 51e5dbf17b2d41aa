package io.boxoffice.payments;

import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The built-in provider for development and tests: {@code test_ok} approves, {@code test_declined} declines. */
@Component
class TestPaymentProvider implements PaymentProvider {

    private static final Set<String> METHODS = Set.of("test_ok", "test_declined");

    @Override
    public boolean supports(String paymentMethod) {
        return METHODS.contains(paymentMethod);
    }

    @Override
    public Charge charge(UUID orderId, long amountCents, String currency, String paymentMethod) {
        return "test_ok".equals(paymentMethod)
                ? Charge.approved("test_" + orderId)
                : Charge.declined("The test card was declined.");
    }

    @Override
    public void refund(String reference, long amountCents, String currency) {
        // nothing to move: the test provider holds no money
    }
}
