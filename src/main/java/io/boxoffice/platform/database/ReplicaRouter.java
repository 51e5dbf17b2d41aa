package io.boxoffice.platform.database;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * Where a read-only transaction gets its connection. A healthy replica, spread round-robin, unless
 * the request has already written (then the primary, for the rest of the request) or carries a
 * Consistency-Token: then only a replica that has replayed the token's position, waiting up to
 * {@code consistency-wait} for one to catch up, else the primary. A replica that refuses a
 * connection leaves the rotation at once and the read goes elsewhere.
 */
final class ReplicaRouter extends AbstractDataSource {

    private static final ThreadLocal<Replica> SERVED_BY = new ThreadLocal<>();
    private static final long BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final DataSource primary;
    private final ReplicaSet replicas;
    private final long waitNanos;
    private final long positionTtlNanos;
    private final AtomicInteger next = new AtomicInteger();
    private final Counter primaryReads;
    private final Counter replicaReads;

    ReplicaRouter(DataSource primary, ReplicaSet replicas, DatabaseSettings settings, MeterRegistry meters) {
        this.primary = primary;
        this.replicas = replicas;
        this.waitNanos = settings.consistencyWait().toNanos();
        this.positionTtlNanos = settings.positionTtl().toNanos();
        this.primaryReads = reads("primary", meters);
        this.replicaReads = reads("replica", meters);
    }

    private static Counter reads(String target, MeterRegistry meters) {
        return Counter.builder("boxoffice.db.reads")
                .tag("target", target)
                .description("Read-only transactions, by the server that served them")
                .register(meters);
    }

    /** The replica that served this thread's latest read-only transaction, if any; forgets it. */
    static @Nullable Replica takeServedBy() {
        Replica replica = SERVED_BY.get();
        SERVED_BY.remove();
        return replica;
    }

    @Override
    public Connection getConnection() throws SQLException {
        SERVED_BY.remove();
        RequestState request = RequestState.current();
        if (replicas.isEmpty() || DatabaseRouting.primaryOnly() || (request != null && request.hasWritten())) {
            return fromPrimary();
        }
        Lsn required = request == null ? null : request.required();
        long deadline = System.nanoTime() + waitNanos;
        Set<Replica> refused = new HashSet<>();
        while (true) {
            List<Replica> candidates = new ArrayList<>();
            for (Replica replica : replicas.all()) {
                if (replica.available() && !refused.contains(replica)) {
                    candidates.add(replica);
                }
            }
            if (candidates.isEmpty()) {
                return fromPrimary();
            }
            Replica chosen = choose(candidates, required);
            if (chosen != null) {
                try {
                    Connection connection = chosen.connect();
                    SERVED_BY.set(chosen);
                    replicaReads.increment();
                    return connection;
                } catch (SQLException e) {
                    chosen.failed(e);
                    refused.add(chosen);
                    continue;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return fromPrimary();
            }
            LockSupport.parkNanos(Math.min(left, BACKOFF_NANOS));
        }
    }

    /** The next replica in turn that has reached {@code required}; null if none has yet. */
    private @Nullable Replica choose(List<Replica> candidates, @Nullable Lsn required) {
        int start = Math.floorMod(next.getAndIncrement(), candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Replica replica = candidates.get((start + i) % candidates.size());
            if (required == null || replica.hasReached(required, positionTtlNanos)) {
                return replica;
            }
        }
        return null;
    }

    private Connection fromPrimary() throws SQLException {
        Connection connection = primary.getConnection();
        primaryReads.increment();
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("the replica router connects with its pools' own credentials");
    }
}
