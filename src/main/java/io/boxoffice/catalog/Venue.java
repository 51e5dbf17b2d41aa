package io.boxoffice.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** A place where events happen, owned by the organizer who created it. */
public record Venue(
        UUID id,
        UUID organizerId,
        String name,
        String address,
        String city,
        String countryCode,
        double latitude,
        double longitude,

        @Schema(description = "The IANA time zone the venue's events happen in.", example = "Europe/Vienna")
        String timeZone,

        int capacity,
        Instant createdAt,
        Instant updatedAt) {

    /** The venue's time zone, in which its events are shown. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
