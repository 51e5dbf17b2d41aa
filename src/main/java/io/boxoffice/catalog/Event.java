package io.boxoffice.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An event at a venue with its ticket types, as organizers edit it and buyers see it. */
public record Event(
        UUID id,
        UUID organizerId,
        String title,
        String description,
        Category category,
        EventStatus status,
        Instant startsAt,
        Instant endsAt,
        Venue venue,
        List<TicketType> ticketTypes,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant publishedAt,
        @Nullable Instant cancelledAt) {

    public Event {
        ticketTypes = List.copyOf(ticketTypes);
    }

    /** Whether this event is visible to everyone (published or cancelled, not a draft). */
    public boolean visibleToAll() {
        return status != EventStatus.DRAFT;
    }
}
