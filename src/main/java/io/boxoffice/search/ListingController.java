package io.boxoffice.search;

import io.boxoffice.catalog.Category;
import io.boxoffice.platform.cache.Cached;
import io.boxoffice.platform.cache.CachedResponses;
import io.boxoffice.platform.domain.InvalidInput;
import io.boxoffice.platform.web.Cursors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/events}: the public, searchable listing of published events. */
@RestController
class ListingController {

    private final ListingSearch search;
    private final ListingCache cache;
    private final CachedResponses responses;
    private final Clock clock;

    ListingController(ListingSearch search, ListingCache cache, CachedResponses responses, Clock clock) {
        this.search = search;
        this.cache = cache;
        this.responses = responses;
        this.clock = clock;
    }

    /** A listing page from the cache, keyed by the normalized query. */
    @GetMapping("/api/v1/events")
    ResponseEntity<byte[]> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String city,
            @RequestParam(required = false) Category category,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String near,
            @RequestParam(required = false) Double radiusKm,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String fields,
            HttpServletRequest request,
            HttpServletResponse response) {
        List<String> selected = fields(fields);
        String text = ListingQuery.text(q);
        String cityKey = city == null || city.isBlank() ? null : Listings.cityKey(city);
        String categoryName = category == null ? null : category.name();
        ListingQuery.Circle circle = ListingQuery.circle(near, radiusKm);
        int size = Cursors.limit(limit);
        ListingQuery query = new ListingQuery(
                text, cityKey, categoryName, from != null ? from : clock.instant(), to, null, circle, cursor, size);
        Cached page = search.cached(query, from, selected);
        return responses.respond(cache.pages(), page, request, response);
    }

    private static @Nullable List<String> fields(@Nullable String fields) {
        if (fields == null || fields.isBlank()) {
            return null;
        }
        List<String> selected = Arrays.stream(fields.split(","))
                .map(String::strip)
                .filter(field -> !field.isEmpty())
                .toList();
        List<String> unknown = selected.stream()
                .filter(field -> !ListingItem.FIELDS.contains(field))
                .toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInput(
                    "fields", "unknown field(s) " + unknown + "; known: " + String.join(",", ListingItem.FIELDS));
        }
        return selected;
    }
}
