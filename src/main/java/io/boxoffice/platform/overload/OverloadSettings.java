package io.boxoffice.platform.overload;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Load shedding ({@code boxoffice.overload.*}): past each threshold a node answers that class of
 * request with 503 and {@code Retry-After} instead of queueing it. Browsing goes first, checkout
 * and check-in last (only past {@code critical-in-flight}, a guard against running out of memory).
 *
 * @param enabled whether the node sheds at all
 * @param browseInFlight API requests in flight on the node from which browsing and search are shed
 * @param otherInFlight ... from which everything but checkout and check-in is shed
 * @param criticalInFlight ... from which even checkout and check-in are shed
 * @param browsePoolWaiting requests waiting for a database connection (all pools) from which browsing is shed
 * @param otherPoolWaiting ... from which everything but checkout and check-in is shed
 * @param retryAfter what a shed request is told to wait
 */
@Validated
@ConfigurationProperties("boxoffice.overload")
record OverloadSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("400") @Min(1) int browseInFlight,
        @DefaultValue("600") int otherInFlight,
        @DefaultValue("2000") int criticalInFlight,
        @DefaultValue("64") @Min(1) int browsePoolWaiting,
        @DefaultValue("128") int otherPoolWaiting,
        @DefaultValue("2s") @DurationMin(seconds = 1) Duration retryAfter) {

    OverloadSettings {
        if (!(browseInFlight <= otherInFlight && otherInFlight <= criticalInFlight)) {
            throw new IllegalArgumentException(
                    "boxoffice.overload: browse-in-flight <= other-in-flight <= critical-in-flight, please");
        }
        if (browsePoolWaiting > otherPoolWaiting) {
            throw new IllegalArgumentException("boxoffice.overload: browse-pool-waiting <= other-pool-waiting, please");
        }
    }
}
