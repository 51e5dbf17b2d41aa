package io.boxoffice.search;

import io.boxoffice.catalog.EventCancelled;
import io.boxoffice.catalog.EventChanged;
import io.boxoffice.catalog.EventPublished;
import io.boxoffice.catalog.EventStatus;
import io.boxoffice.catalog.VenueChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the listing in step with the catalog, inside the catalog's own transaction: a listing
 * never shows an event whose publication rolled back, and a publish is listed as soon as it commits.
 */
@Component
class ListingIndexer {

    private final Listings listings;

    ListingIndexer(Listings listings) {
        this.listings = listings;
    }

    @EventListener
    void on(EventPublished published) {
        listings.upsert(published.event());
    }

    @EventListener
    void on(EventChanged changed) {
        if (changed.event().status() == EventStatus.PUBLISHED) {
            listings.upsert(changed.event());
        }
    }

    @EventListener
    void on(EventCancelled cancelled) {
        listings.delete(cancelled.event().id());
    }

    @EventListener
    void on(VenueChanged changed) {
        listings.updateVenue(changed.venue());
    }
}
