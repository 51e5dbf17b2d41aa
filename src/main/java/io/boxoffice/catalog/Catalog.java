package io.boxoffice.catalog;

import io.boxoffice.platform.domain.InvalidInput;
import io.boxoffice.platform.id.Ids;
import io.boxoffice.platform.security.Caller;
import io.boxoffice.platform.security.Forbidden;
import io.boxoffice.platform.security.Role;
import io.boxoffice.platform.web.Bodies;
import io.boxoffice.platform.web.Cursors;
import io.boxoffice.platform.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalog module's facade: venues and events, with every write checked for role and ownership. */
@Service
public class Catalog {

    private final Venues venues;
    private final Events events;
    private final EventRules rules;
    private final ApplicationEventPublisher publisher;
    private final TimeZones zones;
    private final Clock clock;
    private final OnSaleSettings onSaleDefaults;

    Catalog(
            Venues venues,
            Events events,
            EventRules rules,
            TimeZones zones,
            ApplicationEventPublisher publisher,
            Clock clock,
            OnSaleSettings onSaleDefaults) {
        this.venues = venues;
        this.events = events;
        this.rules = rules;
        this.zones = zones;
        this.publisher = publisher;
        this.clock = clock;
        this.onSaleDefaults = onSaleDefaults;
    }

    /** Creates a venue owned by the calling organizer, in the time zone of its coordinates unless one is given. */
    @Transactional
    public Venue createVenue(Caller caller, VenueDraft draft) {
        Forbidden.unlessRole(caller, Role.ORGANIZER);
        Instant now = clock.instant();
        Venue venue = new Venue(
                Ids.newId(clock),
                caller.accountId(),
                draft.name().strip(),
                draft.address().strip(),
                draft.city().strip(),
                rules.countryCode(draft.countryCode()),
                draft.latitude(),
                draft.longitude(),
                draft.timeZone() != null
                        ? draft.timeZone()
                        : zones.at(draft.latitude(), draft.longitude()).getId(),
                draft.capacity(),
                now,
                now);
        venues.insert(venue);
        return venue;
    }

    /** The venue with this id. */
    @Transactional(readOnly = true)
    public Venue venue(UUID id) {
        return venues.find(id).orElseThrow(VenueNotFound::new);
    }

    /** The venue with this id, if there is one. */
    @Transactional(readOnly = true)
    public Optional<Venue> findVenue(UUID id) {
        return venues.find(id);
    }

    /** A page of venues, in one city or everywhere. */
    @Transactional(readOnly = true)
    public Page<Venue> venues(@Nullable String city, @Nullable String cursor, @Nullable Integer limit) {
        int size = Cursors.limit(limit);
        List<String> after = Cursors.decode(cursor, 1);
        UUID afterId = after == null ? null : parseId(after.getFirst());
        String cityFilter = city == null || city.isBlank() ? null : city;
        return Page.of(
                venues.page(cityFilter, afterId, size + 1),
                size,
                venue -> Cursors.encode(venue.id().toString()));
    }

    /**
     * Changes a venue; only its owner or an administrator may. A venue that moves without being
     * given a time zone takes the zone of where it now is.
     */
    @Transactional
    public Venue updateVenue(Caller caller, UUID id, VenuePatch patch) {
        Venue venue = venue(id);
        if (!caller.mayChange(venue.organizerId())) {
            throw new Forbidden("Only the venue's organizer may change it.");
        }
        Bodies.valid(patch);
        double latitude = patch.latitude() != null ? patch.latitude() : venue.latitude();
        double longitude = patch.longitude() != null ? patch.longitude() : venue.longitude();
        boolean moved = latitude != venue.latitude() || longitude != venue.longitude();
        String timeZone = patch.timeZone() != null
                ? patch.timeZone()
                : moved ? zones.at(latitude, longitude).getId() : venue.timeZone();
        Venue changed = new Venue(
                venue.id(),
                venue.organizerId(),
                patch.name() != null ? patch.name().strip() : venue.name(),
                patch.address() != null ? patch.address().strip() : venue.address(),
                patch.city() != null ? patch.city().strip() : venue.city(),
                patch.countryCode() != null ? rules.countryCode(patch.countryCode()) : venue.countryCode(),
                latitude,
                longitude,
                timeZone,
                patch.capacity() != null ? patch.capacity() : venue.capacity(),
                venue.createdAt(),
                clock.instant());
        venues.update(changed);
        publisher.publishEvent(new VenueChanged(changed));
        return changed;
    }

    /** Creates a DRAFT event at one of the calling organizer's venues. */
    @Transactional
    public Event createEvent(Caller caller, EventDraft draft) {
        Forbidden.unlessRole(caller, Role.ORGANIZER);
        Venue venue = ownVenue(draft.venueId(), caller.accountId());
        rules.checkSchedule(draft.startsAt(), draft.endsAt());
        List<TicketType> ticketTypes = rules.newTicketTypes(draft.ticketTypes());
        Instant now = clock.instant();
        Event event = new Event(
                Ids.newId(clock),
                caller.accountId(),
                draft.title().strip(),
                draft.description() == null ? "" : draft.description().strip(),
                draft.category(),
                EventStatus.DRAFT,
                draft.startsAt(),
                draft.endsAt(),
                venue,
                ticketTypes,
                now,
                now,
                null,
                null,
                null);
        events.insert(event);
        return event;
    }

    /** The event with this id; drafts only for their owner or an administrator. */
    @Transactional(readOnly = true)
    public Event event(Optional<Caller> caller, UUID id) {
        Event event = events.find(id).orElseThrow(EventNotFound::new);
        if (!event.visibleToAll()
                && !caller.map(c -> c.mayChange(event.organizerId())).orElse(false)) {
            throw new EventNotFound();
        }
        return event;
    }

    /** The event with this id whatever its status, for modules that decide themselves what it allows. */
    @Transactional(readOnly = true)
    public Optional<Event> find(UUID id) {
        return events.find(id);
    }

    /**
     * A page of the caller's own events, drafts included, that start at or after {@code from},
     * soonest first; {@code cursor} is the previous page's {@link Page#nextCursor()}.
     */
    @Transactional(readOnly = true)
    public Page<Event> eventsOf(Caller caller, Instant from, @Nullable String cursor, int limit) {
        List<String> after = Cursors.decode(cursor, 2);
        Instant afterStartsAt;
        UUID afterId;
        try {
            afterStartsAt = after == null ? null : Instant.parse(after.get(0));
            afterId = after == null ? null : UUID.fromString(after.get(1));
        } catch (RuntimeException e) {
            throw Cursors.invalid();
        }
        List<Event> rows = events.ownedBy(caller.accountId(), from, afterStartsAt, afterId, limit + 1);
        return Page.of(
                rows,
                limit,
                last -> Cursors.encode(last.startsAt().toString(), last.id().toString()));
    }

    /** The caller's own venues. */
    @Transactional(readOnly = true)
    public List<Venue> venuesOf(Caller caller) {
        return venues.ownedBy(caller.accountId());
    }

    /** Changes an event's fields and ticket types; only its owner or an administrator may. */
    @Transactional
    public Event updateEvent(Caller caller, UUID id, EventPatch patch) {
        Event event = changeable(caller, id);
        Bodies.valid(patch);
        Venue venue =
                patch.venueId() == null || patch.venueId().equals(event.venue().id())
                        ? event.venue()
                        : ownVenue(patch.venueId(), event.organizerId());
        Instant startsAt = patch.startsAt() != null ? patch.startsAt() : event.startsAt();
        Instant endsAt = patch.endsAt() != null ? patch.endsAt() : event.endsAt();
        if (patch.startsAt() != null || patch.endsAt() != null) {
            rules.checkSchedule(startsAt, endsAt);
        }
        OnSale onSale = patch.onSale() == null ? event.onSale() : onSale(event.onSale(), patch.onSale());
        if (onSale != null && !onSale.at().isBefore(startsAt)) {
            throw new InvalidInput("onSale.at", "must be before the event starts");
        }
        Event changed = new Event(
                event.id(),
                event.organizerId(),
                patch.title() != null ? patch.title().strip() : event.title(),
                patch.description() != null ? patch.description().strip() : event.description(),
                patch.category() != null ? patch.category() : event.category(),
                event.status(),
                startsAt,
                endsAt,
                venue,
                event.ticketTypes(),
                event.createdAt(),
                clock.instant(),
                event.publishedAt(),
                event.cancelledAt(),
                onSale);
        events.update(changed);
        if (patch.ticketTypes() != null && !patch.ticketTypes().isEmpty()) {
            EventRules.TicketTypeChanges changes = rules.ticketTypeChanges(changed, patch.ticketTypes());
            try {
                changes.changed().forEach(type -> events.updateTicketType(event.organizerId(), type));
            } catch (DataIntegrityViolationException e) {
                throw new QuotaBelowSold();
            }
            events.insertTicketTypes(event, changes.added(), event.ticketTypes().size());
        }
        return announce(events.find(id).orElseThrow(EventNotFound::new));
    }

    /** The on-sale settings a patch leaves: what it gives, else what the event had, else the defaults. */
    private OnSale onSale(@Nullable OnSale current, OnSalePatch patch) {
        return new OnSale(
                patch.at(),
                patch.waitingRoom() != null ? patch.waitingRoom() : current != null && current.waitingRoom(),
                patch.admissionsPerMinute() != null
                        ? patch.admissionsPerMinute()
                        : current != null ? current.admissionsPerMinute() : onSaleDefaults.admissionsPerMinute(),
                patch.checkoutMinutes() != null
                        ? patch.checkoutMinutes()
                        : current != null ? current.checkoutMinutes() : onSaleDefaults.checkoutMinutes());
    }

    /** Publishes a draft: it becomes listed and on sale. Publishing a published event changes nothing. */
    @Transactional
    public Event publish(Caller caller, UUID id) {
        Event event = changeable(caller, id);
        if (event.status() == EventStatus.PUBLISHED) {
            return event;
        }
        Event published = event.publishedAt(clock.instant());
        events.update(published);
        publisher.publishEvent(new EventPublished(published));
        return published;
    }

    /** Cancels an event; cancelled events are final, so a second cancel is refused (409 {@code event-cancelled}). */
    @Transactional
    public Event cancel(Caller caller, UUID id) {
        Event cancelled = changeable(caller, id).cancelledAt(clock.instant());
        events.update(cancelled);
        publisher.publishEvent(new EventCancelled(cancelled));
        return cancelled;
    }

    private Event changeable(Caller caller, UUID id) {
        Event event = events.findForUpdate(id).orElseThrow(EventNotFound::new);
        if (!caller.mayChange(event.organizerId())) {
            if (!event.visibleToAll()) {
                throw new EventNotFound();
            }
            throw new Forbidden("Only the event's organizer may change it.");
        }
        if (event.status() == EventStatus.CANCELLED) {
            throw new EventCancelledAlready();
        }
        return event;
    }

    private Event announce(Event event) {
        publisher.publishEvent(new EventChanged(event));
        return event;
    }

    private Venue ownVenue(UUID venueId, UUID organizerId) {
        Venue venue = venues.find(venueId).orElseThrow(() -> new InvalidInput("venueId", "no such venue"));
        if (!venue.organizerId().equals(organizerId)) {
            throw new Forbidden("Events take place at their organizer's own venues.");
        }
        return venue;
    }

    private static UUID parseId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw Cursors.invalid();
        }
    }
}
