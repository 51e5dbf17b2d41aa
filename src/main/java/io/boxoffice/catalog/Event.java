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
        @Nullable Instant cancelledAt,
        @Nullable OnSale onSale) {

    public Event {
        ticketTypes = List.copyOf(ticketTypes);
    }

    /** Whether this event is visible to everyone (published or cancelled, not a draft). */
    public boolean visibleToAll() {
        return status != EventStatus.DRAFT;
    }

    /**
     * Whether buyers must pass the waiting room before ordering: a published event with a
     * waiting room, from its on-sale time until it starts.
     */
    public boolean behindWaitingRoom() {
        return onSale != null && onSale.waitingRoom() && status == EventStatus.PUBLISHED;
    }

    /** Whether sales have not opened yet at {@code now}. */
    public boolean beforeOnSale(Instant now) {
        return onSale != null && now.isBefore(onSale.at());
    }

    /** This event with these ticket types. */
    Event withTicketTypes(List<TicketType> types) {
        return new Event(
                id,
                organizerId,
                title,
                description,
                category,
                status,
                startsAt,
                endsAt,
                venue,
                types,
                createdAt,
                updatedAt,
                publishedAt,
                cancelledAt,
                onSale);
    }

    /** This draft, published at {@code now}; fails unless it can go on sale. */
    Event publishedAt(Instant now) {
        if (status == EventStatus.CANCELLED) {
            throw new EventCancelledAlready();
        }
        if (ticketTypes.isEmpty()) {
            throw new NotPublishable("An event needs at least one ticket type to be published.");
        }
        if (!startsAt.isAfter(now)) {
            throw new NotPublishable("The event has already started.");
        }
        return inState(EventStatus.PUBLISHED, now, now, null);
    }

    /** This event, cancelled at {@code now}; cancelled events are final. */
    Event cancelledAt(Instant now) {
        if (status == EventStatus.CANCELLED) {
            throw new EventCancelledAlready();
        }
        return inState(EventStatus.CANCELLED, now, publishedAt, now);
    }

    private Event inState(
            EventStatus newStatus,
            Instant changedAt,
            @Nullable Instant newPublishedAt,
            @Nullable Instant newCancelledAt) {
        return new Event(
                id,
                organizerId,
                title,
                description,
                category,
                newStatus,
                startsAt,
                endsAt,
                venue,
                ticketTypes,
                createdAt,
                changedAt,
                newPublishedAt,
                newCancelledAt,
                onSale);
    }
}
