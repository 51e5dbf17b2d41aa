package io.boxoffice.waitingroom;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How waiting rooms run.
 *
 * @param tick how often serving counters advance and each node refreshes its copy of the rooms
 * @param abandonAfter a waiting buyer who has not polled for this long is skipped when their turn
 *     comes (between this and 1.5 times this, as presence is kept in periods of half of it)
 * @param pollMin the shortest poll interval (Retry-After) a waiting buyer is given
 * @param pollMax the longest; at most a third of {@code abandonAfter}, so a live buyer is never
 *     taken for gone
 * @param placesPerAddress how many places one client address may hold in one room (0: no bound)
 * @param keys the HMAC keys queue and admission tokens are signed with, each {@code id:secret}
 *     (the secret at least 32 bytes): the first signs, all verify, so a key is rotated by putting
 *     a new one first and dropping the old one after the longest admission; when empty, one key
 *     is generated and kept in the database
 * @param admits whether this node may hold the admissions lease (every node copies rooms and
 *     answers polls either way)
 */
@Validated
@ConfigurationProperties("boxoffice.waiting-room")
record WaitingRoomSettings(
        @DefaultValue("1s") @DurationMin(millis = 100) Duration tick,
        @DefaultValue("60s") @DurationMin(seconds = 2) Duration abandonAfter,
        @DefaultValue("2s") @DurationMin(seconds = 1) Duration pollMin,
        @DefaultValue("20s") @DurationMin(seconds = 1) Duration pollMax,
        @DefaultValue("20") @Min(0) int placesPerAddress,
        @DefaultValue List<String> keys,
        @DefaultValue("true") boolean admits) {

    WaitingRoomSettings {
        if (pollMax.compareTo(pollMin) < 0 || pollMax.multipliedBy(3).compareTo(abandonAfter) > 0) {
            throw new IllegalArgumentException(
                    "boxoffice.waiting-room.poll-max must lie between poll-min and a third of abandon-after");
        }
    }

    /** The length of a presence period: half of {@code abandonAfter}. */
    Duration period() {
        return abandonAfter.dividedBy(2);
    }
}
