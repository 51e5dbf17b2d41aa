package io.boxoffice.waitingroom;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The arrival numbers that polled one room on this node in the current period, written to the
 * database at every tick while they change: what the admitting node reads to skip the abandoned.
 */
final class Presence {

    /** A bitmap of one period, bit {@code i} set when arrival {@code i} polled. */
    record Snapshot(long period, byte[] seen) {}

    private long period;
    private BitSet seen = new BitSet();
    private boolean dirty;
    private final List<Snapshot> finished = new ArrayList<>();

    Presence(long period) {
        this.period = period;
    }

    /** Notes that {@code arrival} polled in period {@code now}. */
    synchronized void seen(int arrival, long now) {
        if (now != period) {
            if (dirty) {
                finished.add(new Snapshot(period, seen.toByteArray()));
            }
            period = now;
            seen = new BitSet();
            dirty = false;
        }
        if (!seen.get(arrival)) {
            seen.set(arrival);
            dirty = true;
        }
    }

    /** The bitmaps to write (a finished period's last state, then the current one's), if they changed. */
    synchronized List<Snapshot> takeChanges() {
        List<Snapshot> changes = new ArrayList<>(finished);
        finished.clear();
        if (dirty) {
            changes.add(new Snapshot(period, seen.toByteArray()));
            dirty = false;
        }
        return changes;
    }
}
