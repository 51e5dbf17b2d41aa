package io.boxoffice.waitingroom;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A waiting room's shared state, as the database holds it.
 *
 * @param arrivals the arrival numbers handed out so far
 * @param presale how many arrived before the on-sale (they are drawn); null until the draw
 * @param serving the first place not yet passed: every place before it was admitted or skipped
 * @param credit admissions earned by the elapsed time and not yet spent (a fraction carries over)
 * @param rounds how many times serving has advanced
 */
record Room(
        UUID eventId,
        byte[] seed,
        int arrivals,
        @Nullable Integer presale,
        int serving,
        int admitted,
        int abandoned,
        double credit,
        int rounds,
        @Nullable Instant tickedAt,
        State state) {

    /** Whether a room admits, has nothing left to sell, or has closed for good. */
    enum State {
        OPEN,
        SOLD_OUT,
        CLOSED
    }

    /** The place of arrival {@code arrival}, or -1 before the draw for an early arrival. */
    int position(int arrival) {
        if (presale == null) {
            return -1;
        }
        return arrival < presale ? new Draw(seed, presale).position(arrival) : arrival;
    }

    /** Who holds place {@code position}: its arrival number. Only after the draw. */
    int arrival(int position) {
        return presale != null && position < presale ? new Draw(seed, presale).arrival(position) : position;
    }
}
