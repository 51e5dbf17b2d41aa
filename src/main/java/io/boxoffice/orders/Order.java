package io.boxoffice.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An order as its buyer sees it: the hold or purchase, its items and, once confirmed, its tickets. */
public record Order(
        UUID id,
        UUID eventId,
        UUID buyerId,
        OrderStatus status,
        long totalCents,
        String currency,
        List<Item> items,
        List<Ticket> tickets,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant confirmedAt) {

    public Order {
        items = List.copyOf(items);
        tickets = List.copyOf(tickets);
    }

    /** How many tickets of one type the order holds, at what unit price. */
    public record Item(UUID ticketTypeId, int quantity, long priceCents) {}

    /** A ticket of a confirmed order; its code is what the door scans. */
    public record Ticket(
            UUID id,
            UUID ticketTypeId,
            String code,
            @Nullable Instant checkedInAt) {}
}
