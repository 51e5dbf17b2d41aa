package io.boxoffice.platform.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The primary's timeline as this node last saw it, and the first position it saw on it. A
 * failover promotes a replica onto a new timeline, branching from the old one at the last
 * position the promoted replica had: positions written after it on the old leader are lost,
 * and the same numbers on the new timeline are other writes. So a Consistency-Token from an
 * earlier timeline may name a position the new leader never reaches as such; every write
 * acknowledged before the failover (synchronous replication) lies before the branch point, and
 * so before the first position seen on the new timeline, which is what such a token is held to.
 */
final class Timelines {

    private static final Logger log = LoggerFactory.getLogger(Timelines.class);

    private record Seen(int timeline, Lsn start) {}

    private volatile Seen seen = new Seen(0, new Lsn(0));

    /** The primary is on {@code timeline}, at {@code position}. */
    void observe(int timeline, Lsn position) {
        if (timeline <= seen.timeline()) {
            return;
        }
        synchronized (this) {
            Seen before = seen;
            if (timeline > before.timeline()) {
                seen = new Seen(timeline, position);
                if (before.timeline() != 0) {
                    log.warn(
                            "The primary is on a new timeline, {} (was {}), from {}: a failover or a restore",
                            timeline,
                            before.timeline(),
                            position);
                }
            }
        }
    }

    int current() {
        return seen.timeline();
    }

    /** The position a request carrying {@code token} must see. */
    Lsn required(ConsistencyToken token) {
        Seen now = seen;
        if (token.timeline() == 0 || token.timeline() >= now.timeline()) {
            return token.position();
        }
        return token.position().atLeast(now.start()) ? now.start() : token.position();
    }

    /** The token for a write at {@code position} on the current timeline. */
    ConsistencyToken token(Lsn position) {
        return new ConsistencyToken(current(), position);
    }

    /** Reads the timeline from a WAL file name ({@code pg_walfile_name}): its first 8 hex digits. */
    static int ofWalFile(String walFileName) {
        return (int) Long.parseLong(walFileName.substring(0, 8), 16);
    }
}
