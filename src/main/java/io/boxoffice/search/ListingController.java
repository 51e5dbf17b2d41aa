package io.boxoffice.search;

import io.boxoffice.catalog.Category;
import io.boxoffice.platform.cache.Cached;
import io.boxoffice.platform.web.Cursors;
import io.boxoffice.platform.web.FieldError;
import io.boxoffice.platform.web.InvalidInput;
import io.boxoffice.platform.web.Page;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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

    private static final int MAX_TEXT = 200;
    private static final double DEFAULT_RADIUS_KM = 25;
    private static final double MAX_RADIUS_KM = 1000;

    private final Listings listings;
    private final ListingCache cache;
    private final Clock clock;

    ListingController(Listings listings, ListingCache cache, Clock clock) {
        this.listings = listings;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * A listing page from the cache, keyed by the normalized query. Without {@code from} the page
     * lists events from the moment it was loaded, so the key says "now" rather than an instant.
     */
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
        String text = text(q);
        String cityKey = city == null || city.isBlank() ? null : Listings.cityKey(city);
        String categoryName = category == null ? null : category.name();
        ListingQuery.Circle circle = circle(near, radiusKm);
        int size = Cursors.limit(limit);
        String key = String.join(
                "|",
                "q=" + (text == null ? "" : text),
                "city=" + (cityKey == null ? "" : cityKey),
                "category=" + (categoryName == null ? "" : categoryName),
                "from=" + (from == null ? "now" : from.toString()),
                "to=" + (to == null ? "" : to.toString()),
                "near="
                        + (circle == null
                                ? ""
                                : circle.latitude() + "," + circle.longitude() + "," + circle.radiusKm()),
                "cursor=" + (cursor == null ? "" : cursor),
                "limit=" + size,
                "fields=" + (selected == null ? "" : String.join(",", selected)));
        Cached page = cache.pages().get(key, () -> {
            ListingQuery query = new ListingQuery(
                    text, cityKey, categoryName, from != null ? from : clock.instant(), to, circle, cursor, size);
            Page<ListingItem> items = listings.page(query);
            return selected == null ? items : items.map(item -> item.select(selected));
        });
        return cache.pages().respond(page, request, response);
    }

    private static @Nullable String text(@Nullable String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        if (q.length() > MAX_TEXT) {
            throw new InvalidInput("q", "must be at most " + MAX_TEXT + " characters");
        }
        return q.strip();
    }

    private static ListingQuery.@Nullable Circle circle(@Nullable String near, @Nullable Double radiusKm) {
        if (near == null) {
            if (radiusKm != null) {
                throw new InvalidInput("radiusKm", "needs near=lat,lon");
            }
            return null;
        }
        String[] parts = near.split(",");
        double latitude;
        double longitude;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            latitude = Double.parseDouble(parts[0].strip());
            longitude = Double.parseDouble(parts[1].strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("near", "must be lat,lon in decimal degrees");
        }
        List<FieldError> errors = new ArrayList<>();
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            errors.add(new FieldError("near", "latitude must be within ±90 and longitude within ±180"));
        }
        double radius = radiusKm == null ? DEFAULT_RADIUS_KM : radiusKm;
        if (!(radius > 0 && radius <= MAX_RADIUS_KM)) {
            errors.add(new FieldError("radiusKm", "must be more than 0 and at most " + (int) MAX_RADIUS_KM));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new ListingQuery.Circle(latitude, longitude, radius);
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
