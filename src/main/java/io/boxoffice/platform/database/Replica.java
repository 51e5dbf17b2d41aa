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
    private volatile long replayedAtNanos;
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
            replayed = Lsn.max(replayed, measured);
        }
        replayedAtNanos = System.nanoTime();
    }

    /** One health poll: position and lag against the primary's recent positions. */
    void poll(PrimaryPositions primary, long maxLagNanos) {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")) {
            row.next();
            boolean standby = row.getBoolean(1);
            String position = row.getString(2);
            if (!standby || position == null) {
                leave("it is not a streaming replica (pg_is_in_recovery() is false or it has replayed nothing)");
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
