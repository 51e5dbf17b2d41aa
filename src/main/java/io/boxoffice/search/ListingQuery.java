package io.boxoffice.search;

import io.boxoffice.platform.domain.FieldError;
import io.boxoffice.platform.domain.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A listing request, validated: text, filters, an optional circle around a point, and the page.
 *
 * @param from events starting at or after this instant (defaults to now)
 * @param to events starting before this instant, if given
 * @param days events starting on these days where they happen (the search page's dates), if given
 */
record ListingQuery(
        @Nullable String text,
        @Nullable String cityKey,
        @Nullable String category,
        Instant from,
        @Nullable Instant to,
        @Nullable Days days,
        @Nullable Circle near,
        @Nullable String cursor,
        int limit) {

    private static final int MAX_TEXT = 200;
    private static final double DEFAULT_RADIUS_KM = 25;
    private static final double MAX_RADIUS_KM = 1000;

    /** The search text of {@code q}: stripped, absent when blank. */
    static @Nullable String text(@Nullable String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        if (q.length() > MAX_TEXT) {
            throw new InvalidInput("q", "must be at most " + MAX_TEXT + " characters");
        }
        return q.strip();
    }

    /** The circle of {@code near=lat,lon} and {@code radiusKm} (25 km by default), if {@code near} is given. */
    static ListingQuery.@Nullable Circle circle(@Nullable String near, @Nullable Double radiusKm) {
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

    /**
     * The days from {@code first} to {@code last}, both included (either end may be open), each
     * the local day where the event happens.
     */
    record Days(@Nullable LocalDate first, @Nullable LocalDate last) {

        /** How far a local day can begin before (UTC+14) or end after (UTC−12) the UTC day of its date. */
        private static final Duration EARLIEST_OFFSET = Duration.ofHours(14);

        private static final Duration LATEST_OFFSET = Duration.ofHours(12);

        /** No event starting on these days starts before this instant, wherever it is. */
        @Nullable
        Instant earliestStart() {
            return first == null
                    ? null
                    : first.atStartOfDay(ZoneOffset.UTC).toInstant().minus(EARLIEST_OFFSET);
        }

        /** No event starting on these days starts at or after this instant, wherever it is. */
        @Nullable
        Instant latestEnd() {
            return last == null
                    ? null
                    : last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(LATEST_OFFSET);
        }

        /** The days as part of a cache key. */
        String key() {
            return (first == null ? "" : first.toString()) + "/" + (last == null ? "" : last.toString());
        }
    }

    /** Everything within {@code radiusKm} of a point. */
    record Circle(double latitude, double longitude, double radiusKm) {

        private static final double KM_PER_DEGREE = 111.32;

        double minLatitude() {
            return Math.max(-90, latitude - radiusKm / KM_PER_DEGREE);
        }

        double maxLatitude() {
            return Math.min(90, latitude + radiusKm / KM_PER_DEGREE);
        }

        double minLongitude() {
            return Math.max(-180, longitude - longitudeSpan());
        }

        double maxLongitude() {
            return Math.min(180, longitude + longitudeSpan());
        }

        /** Degrees of longitude the radius spans at this latitude (all of them near the poles). */
        private double longitudeSpan() {
            double cos = Math.cos(Math.toRadians(latitude));
            return cos < 0.01 ? 360 : radiusKm / (KM_PER_DEGREE * cos);
        }
    }
}
