package io.boxoffice.search;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A listing request, validated: text, filters, an optional circle around a point, and the page.
 *
 * @param from events starting at or after this instant (defaults to now)
 * @param to events starting before this instant, if given
 */
record ListingQuery(
        @Nullable String text,
        @Nullable String cityKey,
        @Nullable String category,
        Instant from,
        @Nullable Instant to,
        @Nullable Circle near,
        @Nullable String cursor,
        int limit) {

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
