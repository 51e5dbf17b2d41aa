package io.boxoffice.payments;

import io.boxoffice.platform.domain.InvalidInput;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The payments module's facade: routes a charge or refund to the provider of its payment method. */
@Service
public class Payments {

    private final List<PaymentProvider> providers;

    Payments(List<PaymentProvider> providers) {
        this.providers = providers;
    }

    /** Charges the order's total with the buyer's payment method; fails with 400 for an unknown method. */
    public PaymentProvider.Charge charge(UUID orderId, long amountCents, String currency, String paymentMethod) {
        return providerOf(paymentMethod).charge(orderId, amountCents, currency, paymentMethod);
    }

    /** Refunds an approved charge through the provider that made it. */
    public void refund(String paymentMethod, String reference, long amountCents, String currency) {
        providerOf(paymentMethod).refund(reference, amountCents, currency);
    }

    private PaymentProvider providerOf(String paymentMethod) {
        return providers.stream()
                .filter(provider -> provider.supports(paymentMethod))
                .findFirst()
                .orElseThrow(() -> new InvalidInput("paymentMethod", "is not a payment method Boxoffice accepts"));
    }
}
