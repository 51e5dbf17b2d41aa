package io.boxoffice.catalog;

import java.time.Instant;
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
        int capacity,
        Instant createdAt,
        Instant updatedAt) {}
