package io.boxoffice.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a payment whose outcome is not known yet (202): {@code PAYMENT_ACTION_REQUIRED}
 * when the buyer must complete the provider's challenge (3-D Secure), with what the page needs to
 * run it; {@code PAYMENT_PENDING} when the provider has not said yet. The order stays held until
 * the outcome arrives; reading the order, or sending the payment again with the same method, says
 * where it stands.
 *
 * @param clientSecret for Stripe.js's {@code handleNextAction} in the buyer's page
 * @param nextActionUrl where to send the buyer instead, for a challenge by redirect
 */
public record PaymentAction(
        Status status,
        UUID orderId,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String clientSecret,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String nextActionUrl) {

    public enum Status {
        PAYMENT_ACTION_REQUIRED,
        PAYMENT_PENDING
    }

    static PaymentAction of(OrderPayments.Paid paid) {
        return switch (paid) {
            case OrderPayments.Paid.ActionRequired action ->
                new PaymentAction(
                        Status.PAYMENT_ACTION_REQUIRED,
                        action.orderId(),
                        action.clientSecret(),
                        action.nextActionUrl());
            default -> new PaymentAction(Status.PAYMENT_PENDING, paid.orderId(), null, null);
        };
    }
}
