package io.boxoffice.search;

import io.boxoffice.catalog.EventCancelled;
import io.boxoffice.catalog.EventChanged;
import io.boxoffice.catalog.EventPublished;
import io.boxoffice.catalog.EventStatus;
import io.boxoffice.catalog.VenueChanged;
import io.boxoffice.platform.cache.CacheSpec;
import io.boxoffice.platform.cache.Caches;
import io.boxoffice.platform.cache.SharedCache;
import java.time.Duration;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Listing pages, cached by their normalized query. Any change that can move an event into, out of
 * or within a listing starts a new generation of the whole cache on every node once its
 * transaction has committed (once per transaction): which of the many cached queries a change
 * touches is not worth working out.
 */
@Component
class ListingCache {

    static final CacheSpec LISTINGS = new CacheSpec(
            "listings",
            Duration.ofMinutes(5),
            Duration.ofMinutes(1),
            10_000,
            Duration.ofSeconds(60),
            Duration.ofMinutes(5));

    private final SharedCache pages;

    ListingCache(Caches caches) {
        this.pages = caches.create(LISTINGS);
    }

    SharedCache pages() {
        return pages;
    }

    @EventListener
    void on(EventPublished published) {
        pages.evictAllOnCommit();
    }

    @EventListener
    void on(EventChanged changed) {
        if (changed.event().status() == EventStatus.PUBLISHED) {
            pages.evictAllOnCommit();
        }
    }

    @EventListener
    void on(EventCancelled cancelled) {
        pages.evictAllOnCommit();
    }

    @EventListener
    void on(VenueChanged changed) {
        pages.evictAllOnCommit();
    }
}
