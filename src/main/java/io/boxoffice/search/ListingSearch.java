package io.boxoffice.search;

import io.boxoffice.platform.cache.Cached;
import io.boxoffice.platform.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listing pages through the listing cache, for the API and the web front alike: one key per
 * normalized query, so the home page, a search page and the API's {@code GET /api/v1/events} with
 * the same filters share one entry, kept on every node and invalidated on every change.
 */
@Component
class ListingSearch {

    private static final TypeReference<Page<ListingItem>> PAGE = new TypeReference<>() {};

    private final Listings listings;
    private final ListingCache cache;
    private final JsonMapper json;
    private final Clock clock;

    ListingSearch(Listings listings, ListingCache cache, JsonMapper json, Clock clock) {
        this.listings = listings;
        this.cache = cache;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The cached page of this query as JSON, with only the {@code selected} fields when given.
     * Without {@code from} the page lists events from the moment it was loaded, so the key says
     * "now" rather than an instant.
     */
    Cached cached(ListingQuery query, @Nullable Instant from, @Nullable List<String> selected) {
        ListingQuery.Circle circle = query.near();
        String key = String.join(
                "|",
                "q=" + (query.text() == null ? "" : query.text()),
                "city=" + (query.cityKey() == null ? "" : query.cityKey()),
                "category=" + (query.category() == null ? "" : query.category()),
                "from=" + (from == null ? "now" : from.toString()),
                "to=" + (query.to() == null ? "" : query.to().toString()),
                "days=" + (query.days() == null ? "" : query.days().key()),
                "near="
                        + (circle == null
                                ? ""
                                : circle.latitude() + "," + circle.longitude() + "," + circle.radiusKm()),
                "cursor=" + (query.cursor() == null ? "" : query.cursor()),
                "limit=" + query.limit(),
                "fields=" + (selected == null ? "" : String.join(",", selected)));
        return cache.pages().get(key, () -> {
            ListingQuery loaded = from != null
                    ? query
                    : new ListingQuery(
                            query.text(),
                            query.cityKey(),
                            query.category(),
                            clock.instant(),
                            query.to(),
                            query.days(),
                            query.near(),
                            query.cursor(),
                            query.limit());
            Page<ListingItem> items = listings.page(loaded);
            return selected == null ? items : items.map(item -> item.select(selected));
        });
    }

    /** The page of this query, every field, for a page of the web front. */
    Page<ListingItem> page(ListingQuery query, @Nullable Instant from) {
        return json.readValue(cached(query, from, null).body(), PAGE);
    }
}
