package io.boxoffice.catalog;

import io.boxoffice.platform.cache.CacheSpec;
import io.boxoffice.platform.cache.Cached;
import io.boxoffice.platform.cache.Caches;
import io.boxoffice.platform.cache.SharedCache;
import java.time.Duration;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The public views of events and venues, cached on every node (and in Redis when configured) as
 * the response bytes. Only what everyone may see is cached: a draft event reads as absent here and
 * its owner is served from the database. Each change evicts exactly its keys on every node once its
 * transaction has committed; a venue's change evicts the events held there too, since they show it.
 */
@Component
class CatalogCaches {

    static final CacheSpec EVENTS = new CacheSpec(
            "events",
            Duration.ofMinutes(5),
            Duration.ofMinutes(1),
            20_000,
            Duration.ofSeconds(10),
            Duration.ofSeconds(60));
    static final CacheSpec VENUES = new CacheSpec(
            "venues",
            Duration.ofMinutes(5),
            Duration.ofMinutes(1),
            10_000,
            Duration.ofMinutes(5),
            Duration.ofMinutes(10));

    private final SharedCache events;
    private final SharedCache venues;
    private final Catalog catalog;
    private final Events eventRows;

    CatalogCaches(Caches caches, Catalog catalog, Events eventRows) {
        this.events = caches.create(EVENTS);
        this.venues = caches.create(VENUES);
        this.catalog = catalog;
        this.eventRows = eventRows;
    }

    SharedCache events() {
        return events;
    }

    SharedCache venues() {
        return venues;
    }

    /** The event as everyone sees it; absent when it does not exist or is a draft. */
    Cached event(UUID id) {
        return events.get(
                id.toString(),
                () -> catalog.find(id).filter(Event::visibleToAll).orElse(null));
    }

    /** The venue; absent when it does not exist. */
    Cached venue(UUID id) {
        return venues.get(id.toString(), () -> catalog.findVenue(id).orElse(null));
    }

    @EventListener
    void on(EventPublished published) {
        events.evictOnCommit(published.event().id().toString());
    }

    @EventListener
    void on(EventChanged changed) {
        events.evictOnCommit(changed.event().id().toString());
    }

    @EventListener
    void on(EventCancelled cancelled) {
        events.evictOnCommit(cancelled.event().id().toString());
    }

    @EventListener
    void on(VenueChanged changed) {
        venues.evictOnCommit(changed.venue().id().toString());
        eventRows.idsAt(changed.venue()).forEach(id -> events.evictOnCommit(id.toString()));
    }
}
