package io.boxoffice.payments;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Stripe, through its Java SDK: one PaymentIntent per charge attempt, created and confirmed
 * server-side with the buyer's payment method, under an idempotency key of the order and attempt;
 * refunds against the intent under the refund's own key. The SDK's own retries are off: a call
 * without an answer is reported as {@link ProviderUnavailable}, and the same request sent later (by
 * reconciliation) gets Stripe's answer to the first.
 */
final class StripeProvider implements PaymentProvider {

    static final String NAME = "stripe";

    private final StripeClient client;
    private final @Nullable String returnUrl;

    StripeProvider(PaymentSettings.Stripe settings) {
        int timeout = (int) settings.timeout().toMillis();
        this.client = StripeClient.builder()
                .setApiKey(settings.apiKey())
                .setApiBase(settings.apiBase().toString().replaceAll("/+$", ""))
                .setConnectTimeout(Math.min(timeout, 5_000))
                .setReadTimeout(timeout)
                .setMaxNetworkRetries(0)
                .build();
        this.returnUrl = settings.returnUrl();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Stripe's payment method ids. */
    @Override
    public boolean supports(String paymentMethod) {
        return paymentMethod.startsWith("pm_");
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        PaymentIntentCreateParams.AutomaticPaymentMethods.Builder methods =
                PaymentIntentCreateParams.AutomaticPaymentMethods.builder().setEnabled(true);
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(StripeAmounts.of(request.amountCents(), request.currency()))
                .setCurrency(request.currency().toLowerCase(Locale.ROOT))
                .setPaymentMethod(request.paymentMethod())
                .setConfirm(true)
                .putMetadata("order_id", request.orderId().toString())
                .putMetadata("organizer_id", request.organizerId().toString())
                .putMetadata("attempt", Integer.toString(request.attempt()));
        if (returnUrl == null) {
            // no page to come back to: methods that redirect are not offered; a card's 3-D Secure
            // is completed in the page with the client secret
            methods.setAllowRedirects(PaymentIntentCreateParams.AutomaticPaymentMethods.AllowRedirects.NEVER);
        } else {
            params.setReturnUrl(returnUrl.replace("{orderId}", request.orderId().toString()));
        }
        params.setAutomaticPaymentMethods(methods.build());
        try {
            return outcomeOf(client.v1().paymentIntents().create(params.build(), keyed(request.idempotencyKey())));
        } catch (CardException e) {
            PaymentIntent intent =
                    e.getStripeError() == null ? null : e.getStripeError().getPaymentIntent();
            return new ChargeOutcome.Declined(intent == null ? null : intent.getId(), reason(e));
        } catch (InvalidRequestException e) {
            // a payment method that does not exist or does not fit: nothing was charged
            return new ChargeOutcome.Declined(null, reason(e));
        } catch (StripeException e) {
            throw unavailable("charge", e);
        }
    }

    @Override
    public ChargeOutcome find(ChargeRequest request, @Nullable String reference) {
        if (reference == null) {
            return charge(request); // Stripe answers a repeated key with the first request's answer
        }
        try {
            return outcomeOf(client.v1().paymentIntents().retrieve(reference));
        } catch (StripeException e) {
            throw unavailable("retrieve", e);
        }
    }

    @Override
    public ChargeOutcome cancel(ChargeRequest request, String reference) {
        try {
            return outcomeOf(client.v1()
                    .paymentIntents()
                    .cancel(reference, keyed("boxoffice-cancel-" + request.orderId() + "-" + request.attempt())));
        } catch (InvalidRequestException e) {
            return find(request, reference); // it moved on meanwhile (succeeded): say where it is
        } catch (StripeException e) {
            throw unavailable("cancel", e);
        }
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(request.chargeReference())
                .setAmount(StripeAmounts.of(request.amountCents(), request.currency()))
                .putMetadata("refund_id", request.refundId().toString())
                .build();
        try {
            Refund refund = client.v1().refunds().create(params, keyed(request.idempotencyKey()));
            return switch (String.valueOf(refund.getStatus())) {
                case "succeeded" -> new RefundOutcome.Succeeded(refund.getId());
                case "failed", "canceled" ->
                    new RefundOutcome.Failed(refund.getId(), String.valueOf(refund.getFailureReason()));
                default -> new RefundOutcome.Pending(refund.getId());
            };
        } catch (InvalidRequestException | CardException e) {
            return new RefundOutcome.Failed(null, reason(e));
        } catch (StripeException e) {
            throw unavailable("refund", e);
        }
    }

    private static ChargeOutcome outcomeOf(PaymentIntent intent) {
        String id = intent.getId();
        return switch (String.valueOf(intent.getStatus())) {
            case "succeeded" -> new ChargeOutcome.Succeeded(id);
            case "requires_action" ->
                new ChargeOutcome.ActionRequired(id, intent.getClientSecret(), redirectUrl(intent));
            case "requires_payment_method" ->
                new ChargeOutcome.Declined(
                        id,
                        intent.getLastPaymentError() == null
                                ? "The payment was not completed."
                                : intent.getLastPaymentError().getMessage());
            case "canceled" -> new ChargeOutcome.Cancelled(id);
            default -> new ChargeOutcome.Processing(id); // processing, requires_confirmation, requires_capture
        };
    }

    private static @Nullable String redirectUrl(PaymentIntent intent) {
        PaymentIntent.NextAction next = intent.getNextAction();
        return next == null || next.getRedirectToUrl() == null
                ? null
                : next.getRedirectToUrl().getUrl();
    }

    private static RequestOptions keyed(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private static String reason(StripeException e) {
        String message = e.getStripeError() == null ? null : e.getStripeError().getMessage();
        return message == null ? "The payment method was refused." : message;
    }

    private static ProviderUnavailable unavailable(String call, StripeException e) {
        String kind = e instanceof ApiConnectionException
                ? "no answer"
                : e instanceof RateLimitException
                        ? "rate limited"
                        : e instanceof ApiException
                                ? "server error"
                                : e instanceof IdempotencyException ? "idempotency conflict" : "refused";
        // the SDK's message names the request, never the key
        return new ProviderUnavailable("Stripe " + call + ": " + kind + " (" + e.getStatusCode() + ")", e);
    }
}
