package io.boxoffice.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * This request at the prices {@code prices} gives its ticket types (the locked rows of its batch):
     * itself when they are the prices it was priced at, else a copy with its lines and total priced
     * again. A type missing from {@code prices} keeps its price (the batch refuses it as not on sale).
     */
    HoldRequest pricedAt(Map<UUID, Long> prices) {
        List<Order.Item> repriced = new ArrayList<>(items.size());
        boolean changed = false;
        for (Order.Item item : items) {
            long price = prices.getOrDefault(item.ticketTypeId(), item.priceCents());
            changed |= price != item.priceCents();
            repriced.add(new Order.Item(item.ticketTypeId(), item.quantity(), price));
        }
        if (!changed) {
            return this;
        }
        return new HoldRequest(
                orderId,
                organizerId,
                eventId,
                buyerId,
                List.copyOf(repriced),
                Pricing.total(repriced),
                currency,
                createdAt,
                expiresAt,
                idempotencyKey,
                fingerprint);
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
