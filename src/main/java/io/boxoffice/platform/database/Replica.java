package io.boxoffice.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;

/**
 * One streaming replica: its connection pool, the WAL position it has replayed, its lag and
 * whether it is in the read rotation. The position is measured by the health poll every second
 * and, for Consistency-Token checks, again when the last measurement is older than a few
 * milliseconds (one query per replica however many requests wait on it).
 */
final class Replica {

    private static final Logger log = LoggerFactory.getLogger(Replica.class);

    private final String name;
    private final HikariDataSource pool;
    private final ReentrantLock measuring = new ReentrantLock();

    private volatile boolean available;
    private volatile @Nullable Lsn replayed;
    private volatile int replayedTimeline;
    private volatile long replayedAtNanos;
    private volatile int primaryTimeline;
    private volatile double lagSeconds;
    private volatile long lagBytes;

    Replica(String name, HikariDataSource pool) {
        this.name = name;
        this.pool = pool;
    }

    String name() {
        return name;
    }

    boolean available() {
        return available;
    }

    double lagSeconds() {
        return lagSeconds;
    }

    long lagBytes() {
        return lagBytes;
    }

    Connection connect() throws SQLException {
        return pool.getConnection();
    }

    /**
     * Whether this replica has replayed {@code required}, by a measurement no older than {@code ttlNanos}
     * (taken now if needed and no other thread is taking one).
     */
    boolean hasReached(Lsn required, long ttlNanos) {
        Lsn known = replayed;
        if (known != null && known.atLeast(required)) {
            return true;
        }
        if (replayedTimeline != 0 && replayedTimeline < primaryTimeline) {
            return false; // not following the current leader yet: its positions are another history's
        }
        if (System.nanoTime() - replayedAtNanos >= ttlNanos && measuring.tryLock()) {
            try {
                if (System.nanoTime() - replayedAtNanos >= ttlNanos) {
                    measurePosition();
                }
            } catch (SQLException e) {
                failed(e);
            } finally {
                measuring.unlock();
            }
        }
        known = replayed;
        return known != null && known.atLeast(required);
    }

    private void measurePosition() throws SQLException {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select pg_last_wal_replay_lsn()::text")) {
            row.next();
            record(row.getString(1));
        }
    }

    private void record(@Nullable String position) {
        if (position != null) {
            Lsn measured = Lsn.parse(position);
            // positions only grow on one timeline; a replica rewound onto a new one starts lower
            replayed = replayedTimeline == primaryTimeline ? Lsn.max(replayed, measured) : measured;
            replayedTimeline = primaryTimeline;
        }
        replayedAtNanos = System.nanoTime();
    }

    /**
     * One health poll: position and lag against the primary's recent positions. A replica whose
     * WAL receiver is on an earlier timeline than the primary's has not followed a failover yet
     * (or is a former leader about to be rewound): it stays out of the rotation until it has.
     */
    void poll(PrimaryPositions primary, Timelines timelines, long maxLagNanos) {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,"
                        + " (select received_tli from pg_stat_wal_receiver)")) {
            row.next();
            boolean standby = row.getBoolean(1);
            String position = row.getString(2);
            int timeline = row.getInt(3);
            primaryTimeline = timelines.current();
            if (!standby || position == null) {
                leave("it is not a streaming replica (pg_is_in_recovery() is false or it has replayed nothing)");
                return;
            }
            if (timeline != 0 && timeline < primaryTimeline) {
                replayedTimeline = timeline;
                leave("it is on timeline " + timeline + ", the primary on " + primaryTimeline);
                return;
            }
            record(position);
            Lsn now = replayed;
            long behindNanos = primary.nanosBehind(now);
            lagSeconds = behindNanos / 1e9;
            lagBytes = primary.bytesBehind(now);
            if (behindNanos > maxLagNanos) {
                leave(String.format("it lags %.1f s behind the primary", lagSeconds));
            } else if (!available) {
                available = true;
                log.info("Replica {} joins the read rotation (lag {} s, {} bytes)", name, lagSeconds, lagBytes);
            }
        } catch (SQLException | RuntimeException e) {
            failed(e);
        }
    }

    /** A connection or query failed: out of the rotation until a poll succeeds. */
    void failed(Exception e) {
        leave("it failed: " + NestedExceptionUtils.getMostSpecificCause(e).getMessage());
    }

    private void leave(String why) {
        if (available) {
            available = false;
            log.warn("Replica {} leaves the read rotation: {}", name, why);
        }
    }

    void close() {
        pool.close();
    }
}
