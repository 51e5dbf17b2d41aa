package io.boxoffice.orders;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.boxoffice.catalog.Catalog;
import io.boxoffice.catalog.Event;
import io.boxoffice.catalog.EventCancelled;
import io.boxoffice.catalog.EventChanged;
import io.boxoffice.catalog.EventPublished;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The events orders are validated and priced against, kept for a second per node: during an
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

    Optional<Event> get(UUID eventId) {
        return events.get(eventId, catalog::find);
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
