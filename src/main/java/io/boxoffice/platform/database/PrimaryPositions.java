package io.boxoffice.platform.database;

import java.util.ArrayDeque;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * The primary's WAL position as sampled by the health poll, kept for as long as the lag limit
 * spans. A replica's lag in seconds is how long ago the primary was at the first position the
 * replica has not replayed: a lag measured by positions, so an idle primary never makes a
 * replica look late, and no clock of the replica's is trusted.
 */
final class PrimaryPositions {

    private record Sample(long atNanos, Lsn position) {}

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final long keepNanos;

    PrimaryPositions(long keepNanos) {
        this.keepNanos = keepNanos;
    }

    /** Forgets every sample: they belong to another timeline (a failover), whose positions the replicas will never reach. */
    synchronized void clear() {
        samples.clear();
    }

    synchronized void record(long atNanos, Lsn position) {
        samples.addLast(new Sample(atNanos, position));
        // drop samples older than the window, but keep the newest of them: a replica behind it
        // is known to be at least that late, however long ago it fell behind
        while (samples.size() > 1) {
            Iterator<Sample> oldest = samples.iterator();
            oldest.next();
            if (atNanos - oldest.next().atNanos() > keepNanos) {
                samples.removeFirst();
            } else {
                break;
            }
        }
    }

    /** How long ago the primary first wrote past {@code replayed}; 0 if the replica has caught up with every sample. */
    synchronized long nanosBehind(@Nullable Lsn replayed) {
        long now = System.nanoTime();
        for (Iterator<Sample> it = samples.iterator(); it.hasNext(); ) {
            Sample sample = it.next();
            if (replayed == null || !replayed.atLeast(sample.position())) {
                return now - sample.atNanos();
            }
        }
        return 0;
    }

    synchronized long bytesBehind(@Nullable Lsn replayed) {
        Sample last = samples.peekLast();
        if (last == null || replayed == null) {
            return 0;
        }
        return last.position().bytesAfter(replayed);
    }
}
