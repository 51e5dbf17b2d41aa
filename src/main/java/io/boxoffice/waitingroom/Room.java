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

    /** This room with this seed and these arrivals and draw size (as a join batch leaves it). */
    Room withArrivals(byte[] newSeed, int newArrivals, @Nullable Integer newPresale) {
        return new Room(
                eventId,
                newSeed,
                newArrivals,
                newPresale,
                serving,
                admitted,
                abandoned,
                credit,
                rounds,
                tickedAt,
                state);
    }

    /** This room as a tick finds it at {@code at}: drawn if the on-sale has come, in {@code newState}. */
    Room ticked(@Nullable Integer newPresale, Instant at, State newState) {
        return new Room(
                eventId, seed, arrivals, newPresale, serving, admitted, abandoned, credit, rounds, at, newState);
    }

    /** The draw of the early arrivals, or null before it (or when nobody came early). */
    @Nullable
    Draw draw() {
        return presale == null || presale == 0 ? null : new Draw(seed, presale);
    }

    /** The place of arrival {@code arrival} under {@code draw} (this room's), or -1 before the draw. */
    int position(int arrival, @Nullable Draw draw) {
        if (presale == null) {
            return -1;
        }
        return arrival < presale ? draw.position(arrival) : arrival;
    }

    /** Who holds place {@code position} under {@code draw} (this room's): its arrival number. Only after the draw. */
    int arrival(int position, @Nullable Draw draw) {
        return presale != null && position < presale ? draw.arrival(position) : position;
    }
}
