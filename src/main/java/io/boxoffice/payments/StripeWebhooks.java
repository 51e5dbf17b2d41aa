package io.boxoffice.payments;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.boxoffice.platform.domain.DomainException;
import io.boxoffice.platform.jdbc.Timestamps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's webhook, {@code POST /api/v1/payments/stripe/webhook}. The {@code Stripe-Signature}
 * is verified over the raw body by Stripe's SDK, with its timestamp tolerance; a bad or stale
 * signature gets 400 and changes nothing. A verified event is recorded once by its id (Stripe
 * delivers at least once: a duplicate is answered 200 and ignored) and published as a {@link
 * PaymentNotice} in the same transaction, whose listeners only enqueue work: the answer goes back
 * at once, and the provider is asked about the charge afterwards, by a job.
 */
@RestController
class StripeWebhooks {

    static final String PATH = "/api/v1/payments/stripe/webhook";

    private final PaymentSettings settings;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;
    private final Counter verificationFailures;

    StripeWebhooks(
            PaymentSettings settings,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.verificationFailures = Counter.builder("boxoffice.payments.webhooks.rejected")
                .description("Webhook deliveries refused: a missing, bad or stale signature")
                .tag("provider", StripeProvider.NAME)
                .register(meters);
    }

    @PostMapping(path = PATH, consumes = "application/json")
    ResponseEntity<Void> receive(
            @RequestBody String payload,
            @RequestHeader(value = "Stripe-Signature", required = false) String signature) {
        String secret = settings.stripe().webhookSecret();
        if (settings.provider() != PaymentSettings.Provider.STRIPE || secret == null) {
            throw new NotConfigured();
        }
        if (signature == null || signature.isBlank()) {
            verificationFailures.increment();
            throw new BadSignature("The Stripe-Signature header is missing.");
        }
        try {
            Webhook.constructEvent(
                    payload,
                    signature,
                    secret,
                    settings.stripe().webhookTolerance().toSeconds(),
                    clock);
        } catch (SignatureVerificationException e) {
            verificationFailures.increment();
            throw new BadSignature("The Stripe-Signature does not match the body, or is too old.");
        } catch (RuntimeException e) { // signed, but not an event Stripe's SDK can read
            verificationFailures.increment();
            throw new BadSignature("The body is not a Stripe event.");
        }
        PaymentNotice notice = notice(json.readTree(payload));
        transactions.executeWithoutResult(status -> {
            int recorded = jdbc.sql("""
                            insert into payment_provider_event (provider, id, type, received_at)
                            values (:provider, :id, :type, :at) on conflict do nothing
                            """)
                    .param("provider", StripeProvider.NAME)
                    .param("id", notice.eventId())
                    .param("type", notice.type())
                    .param("at", Timestamps.utc(clock.instant()))
                    .update();
            if (recorded > 0) {
                events.publishEvent(notice);
            }
        });
        return ResponseEntity.ok().build();
    }

    /** The parts of a Stripe event Boxoffice acts on, read from its JSON whatever its API version. */
    static PaymentNotice notice(JsonNode event) {
        JsonNode object = event.path("data").path("object");
        String kind = object.path("object").asString("");
        String charge = switch (kind) {
            case "payment_intent" -> text(object, "id");
            case "charge", "dispute", "refund" -> text(object, "payment_intent");
            default -> null;
        };
        Map<String, String> metadata = new LinkedHashMap<>();
        object.path("metadata")
                .properties()
                .forEach(field -> metadata.put(field.getKey(), field.getValue().asString("")));
        PaymentNotice.Dispute dispute = null;
        if ("dispute".equals(kind)) {
            String currency = object.path("currency").asString("").toUpperCase(Locale.ROOT);
            dispute = new PaymentNotice.Dispute(
                    object.path("id").asString(""),
                    currency.isEmpty()
                            ? 0
                            : StripeAmounts.toCents(object.path("amount").asLong(0), currency),
                    currency,
                    object.path("reason").asString("unknown"),
                    object.path("status").asString("unknown"));
        }
        return new PaymentNotice(
                StripeProvider.NAME,
                event.path("id").asString(""),
                event.path("type").asString(""),
                charge,
                metadata,
                dispute);
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isEmpty() ? value.asString() : null;
    }

    /** The webhook of a provider this deployment does not use. */
    static final class NotConfigured extends DomainException {
        NotConfigured() {
            super(Kind.NOT_FOUND, "not-found", "Stripe is not this deployment's payment provider.");
        }
    }

    /** A delivery whose signature does not hold. */
    static final class BadSignature extends DomainException {
        BadSignature(String detail) {
            super(Kind.INVALID, "invalid-signature", detail);
        }
    }
}
