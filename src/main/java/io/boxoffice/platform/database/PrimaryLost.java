package io.boxoffice.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the primary pool does when a statement fails because its server is gone or is no longer
 * the primary. After a failover every connection in the pool leads to the old leader: dead
 * (SQLSTATE class 08, or 57P01 to 57P03 as it shut down) or demoted to a read-only replica
 * (25006, when a multi-host URL or a balancer had chosen it). Left alone, Hikari evicts each dead
 * connection only as it fails, one failed request each, and a demoted one never. Instead the first
 * such failure evicts the whole pool: idle connections at once, borrowed ones as they come back,
 * so new transactions reach the new leader.
 */
final class PrimaryLost implements SQLExceptionOverride {

    private static final Logger log = LoggerFactory.getLogger(PrimaryLost.class);
    private static final long DEBOUNCE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Counter demoted;
    private final Counter lost;
    private final AtomicLong lastFlush = new AtomicLong(System.nanoTime() - DEBOUNCE_NANOS);
    private volatile @Nullable HikariDataSource pool;

    PrimaryLost(MeterRegistry meters) {
        this.demoted = flushes("read-only", meters);
        this.lost = flushes("connection-lost", meters);
    }

    private static Counter flushes(String reason, MeterRegistry meters) {
        return Counter.builder("boxoffice.db.primary.pool.flushes")
                .tag("reason", reason)
                .description("Times every pooled primary connection was evicted: the server was lost or demoted")
                .register(meters);
    }

    /** The pool to flush; set once it exists (the override is given to it before). */
    void watch(HikariDataSource pool) {
        this.pool = pool;
    }

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return Override.CONTINUE_EVICT;
        }
        if (state.equals("25006")) {
            flush(demoted, e);
            return Override.MUST_EVICT;
        }
        if (DatabaseRouting.serverLost(state)) {
            flush(lost, e);
        }
        return Override.CONTINUE_EVICT;
    }

    private void flush(Counter reason, SQLException e) {
        HikariDataSource target = pool;
        long last = lastFlush.get();
        long now = System.nanoTime();
        if (target == null || now - last < DEBOUNCE_NANOS || !lastFlush.compareAndSet(last, now)) {
            return;
        }
        reason.increment();
        log.warn(
                "Evicting every pooled connection to the primary ({}: {}); new ones reach the current leader",
                e.getSQLState(),
                e.getMessage());
        HikariPoolMXBean connections = target.getHikariPoolMXBean();
        if (connections != null) {
            connections.softEvictConnections();
        }
    }
}
