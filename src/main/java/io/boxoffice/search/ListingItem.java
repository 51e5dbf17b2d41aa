package io.boxoffice.search;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One published event in a listing page: what a card in a list of events shows. */
record ListingItem(
        UUID id,
        String title,
        String category,
        String status,
        Instant startsAt,
        Instant endsAt,
        VenueSummary venue,
        @Nullable Long priceFromCents,
        @Nullable String currency) {

    /** The fields {@code ?fields=} may name. */
    static final List<String> FIELDS =
            List.of("id", "title", "category", "status", "startsAt", "endsAt", "venue", "priceFromCents", "currency");

    /** Where the event takes place. */
    record VenueSummary(
            UUID id,
            String name,
            String city,
            String countryCode,
            double latitude,
            double longitude,

            @Schema(description = "The IANA time zone the event happens in.", example = "Europe/Vienna")
            String timeZone) {

        /** The venue's time zone, in which the event is shown. */
        ZoneId zone() {
            return ZoneId.of(timeZone);
        }
    }

    /** This item with only the named fields, in the order of {@link #FIELDS}. */
    Map<String, Object> select(List<String> fields) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", id);
        all.put("title", title);
        all.put("category", category);
        all.put("status", status);
        all.put("startsAt", startsAt);
        all.put("endsAt", endsAt);
        all.put("venue", venue);
        all.put("priceFromCents", priceFromCents);
        all.put("currency", currency);
        all.keySet().retainAll(fields);
        return all;
    }
}
