package io.boxoffice.payments;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something a payment provider told Boxoffice about one of its payments (a verified webhook,
 * delivered once), published in the transaction that records it. A notice says what happened
 * and to which charge; it is never trusted for the charge's state, which the listener reads
 * again from the provider, so notices that arrive late or out of order change nothing.
 *
 * @param type the provider's event type, e.g. {@code payment_intent.succeeded}, {@code charge.refunded},
 *     {@code charge.dispute.created}
 * @param chargeReference the provider's id of the charge concerned (a PaymentIntent's {@code pi_…})
 * @param metadata what Boxoffice attached to the charge: {@code order_id}, {@code organizer_id}, {@code attempt}
 * @param dispute for a dispute: its id, amount in hundredths, reason and status
 */
public record PaymentNotice(
        String provider,
        String eventId,
        String type,
        @Nullable String chargeReference,
        Map<String, String> metadata,
        @Nullable Dispute dispute) {

    /** A buyer's dispute of a charge, as the provider reports it. */
    public record Dispute(String reference, long amountCents, String currency, String reason, String status) {}

    /** The charge attempt this notice names, from the metadata Boxoffice gave the charge. */
    public Optional<Attempt> attempt() {
        try {
            String order = metadata.get("order_id");
            String organizer = metadata.get("organizer_id");
            String attempt = metadata.get("attempt");
            if (order == null || organizer == null || attempt == null) {
                return Optional.empty();
            }
            return Optional.of(
                    new Attempt(UUID.fromString(organizer), UUID.fromString(order), Integer.parseInt(attempt)));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a charge of Boxoffice's
        }
    }

    /** The order and attempt a charge was made for. */
    public record Attempt(UUID organizerId, UUID orderId, int number) {}
}
