package io.boxoffice.orders;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.boxoffice.catalog.Catalog;
import io.boxoffice.catalog.Event;
import io.boxoffice.catalog.EventCancelled;
import io.boxoffice.catalog.EventChanged;
import io.boxoffice.catalog.EventPublished;
import io.boxoffice.catalog.EventStatus;
import io.boxoffice.platform.database.DatabaseRouting;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The events orders are validated and priced against, kept for a second per node while on sale: during an
 * on-sale every order of an event would otherwise read the same event and ticket types again.
 * Changes on this node drop the entry at once; other nodes see them within the second. Whether
 * the event is still on sale is decided again, authoritatively, inside each reservation batch.
 */
@Component
class EventsOnSale {

    private static final Duration FRESHNESS = Duration.ofSeconds(1);

    private final Catalog catalog;
    private final Cache<UUID, Optional<Event>> events;

    EventsOnSale(Catalog catalog, Ticker ticker) {
        this.catalog = catalog;
        this.events = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(FRESHNESS)
                .maximumSize(10_000)
                .build();
    }

    /**
     * The event as the primary has it, from this node's copy while the event is on sale; an event
     * not on sale (a draft, cancelled, started, unknown) is read again each time, so its publication
     * counts at once on every node.
     */
    Optional<Event> get(UUID eventId) {
        // one read for all the requests that miss at once (the first second of an on-sale)
        Optional<Event> event = events.get(eventId, id -> DatabaseRouting.onPrimary(() -> catalog.find(id)));
        if (event.filter(found -> found.status() == EventStatus.PUBLISHED).isEmpty()) {
            events.invalidate(eventId);
        }
        return event;
    }

    @EventListener
    void on(EventPublished published) {
        events.invalidate(published.event().id());
    }

    @EventListener
    void on(EventChanged changed) {
        events.invalidate(changed.event().id());
    }

    @EventListener
    void on(EventCancelled cancelled) {
        events.invalidate(cancelled.event().id());
    }
}
