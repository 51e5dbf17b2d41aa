package io.boxoffice.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A validated, priced order waiting for the reservation batcher. */
record HoldRequest(
        UUID orderId,
        UUID organizerId,
        UUID eventId,
        UUID buyerId,
        List<Order.Item> items,
        long totalCents,
        String currency,
        Instant createdAt,
        Instant expiresAt,
        @Nullable String idempotencyKey,
        String fingerprint) {

    /** Free orders skip payment: they are confirmed, with tickets, in the batch itself. */
    boolean free() {
        return totalCents == 0;
    }

    /** The order this request becomes once its hold commits. */
    Order toOrder(List<Order.Ticket> tickets) {
        return new Order(
                orderId,
                eventId,
                buyerId,
                OrderTransition.placing(free()).to(),
                totalCents,
                currency,
                items,
                tickets,
                createdAt,
                expiresAt,
                free() ? createdAt : null);
    }
}
