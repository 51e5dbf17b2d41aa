package io.boxoffice.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * The configured replicas and their health poll: every {@code poll-interval} the primary's WAL
 * position is sampled and each replica's replayed position measured, on threads of its own so
 * that a dead replica delays nobody. Replicas join and leave the read rotation on what the poll sees.
 */
final class ReplicaSet implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReplicaSet.class);

    private final List<Replica> replicas;
    private final DataSource primary;
    private final DatabaseSettings settings;
    private final PrimaryPositions primaryPositions;
    private final Timelines timelines;
    private volatile int sampledTimeline;
    private volatile long primaryAnsweredAtNanos = System.nanoTime();
    private ScheduledExecutorService poller;

    ReplicaSet(
            List<Replica> replicas,
            DataSource primary,
            DatabaseSettings settings,
            Timelines timelines,
            MeterRegistry meters) {
        this.replicas = List.copyOf(replicas);
        this.primary = primary;
        this.settings = settings;
        this.timelines = timelines;
        this.primaryPositions =
                new PrimaryPositions(settings.maxReplicaLag().multipliedBy(2).toNanos());
        for (Replica replica : replicas) {
            Gauge.builder("boxoffice.db.replica.lag", replica, Replica::lagSeconds)
                    .tag("replica", replica.name())
                    .baseUnit("seconds")
                    .description("How far the replica's replay is behind the primary")
                    .register(meters);
            Gauge.builder("boxoffice.db.replica.lag.bytes", replica, Replica::lagBytes)
                    .tag("replica", replica.name())
                    .baseUnit("bytes")
                    .description("WAL bytes the primary has written that the replica has not replayed")
                    .register(meters);
            Gauge.builder("boxoffice.db.replica.available", replica, r -> r.available() ? 1 : 0)
                    .tag("replica", replica.name())
                    .description("1 while the replica is in the read rotation")
                    .register(meters);
        }
    }

    /** Whether the health poll has read the primary within the last {@code nanos}. */
    boolean primaryAnsweredWithin(long nanos) {
        return System.nanoTime() - primaryAnsweredAtNanos <= nanos;
    }

    List<Replica> all() {
        return replicas;
    }

    boolean isEmpty() {
        return replicas.isEmpty();
    }

    /**
     * Measures everything once, now (also what each scheduled poll does). While the primary cannot
     * be read (a failover), replicas are not judged by their lag: it would only grow against the
     * last positions of a primary that is gone, and take every replica out of the rotation just
     * when they are all that can serve reads.
     */
    void poll() {
        boolean primaryRead = false;
        try (Connection connection = primary.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "select p::text, pg_walfile_name(p) from pg_current_wal_insert_lsn() p")) {
            row.next();
            Lsn position = Lsn.parse(row.getString(1));
            int timeline = Timelines.ofWalFile(row.getString(2));
            timelines.observe(timeline, position);
            if (timeline != sampledTimeline) {
                primaryPositions.clear(); // a new leader: the old one's positions are another history
                sampledTimeline = timeline;
            }
            primaryPositions.record(System.nanoTime(), position);
            primaryAnsweredAtNanos = System.nanoTime();
            primaryRead = true;
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not read the primary's WAL position: {}", e.getMessage());
        }
        long maxLag = primaryRead ? settings.maxReplicaLag().toNanos() : Long.MAX_VALUE;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            replicas.forEach(replica -> threads.execute(() -> replica.poll(primaryPositions, timelines, maxLag)));
        }
    }

    @Override
    public void start() {
        if (replicas.isEmpty()) {
            return;
        }
        poll();
        poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("replica-poll").daemon(true).factory());
        long every = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    @Override
    public void destroy() {
        stop();
        replicas.forEach(Replica::close);
    }

    static HikariDataSource pool(String name, String url, HikariDataSource primary, DatabaseSettings settings) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName(name);
        pool.setJdbcUrl(url);
        if (!url.contains("user=")) {
            pool.setUsername(primary.getUsername());
            pool.setPassword(primary.getPassword());
        }
        pool.setMaximumPoolSize(settings.replicaPoolSize());
        pool.setMinimumIdle(Math.min(2, settings.replicaPoolSize()));
        pool.setConnectionTimeout(settings.replicaConnectionTimeout().toMillis());
        long timeout = settings.replicaConnectionTimeout().toMillis();
        pool.setValidationTimeout(Math.max(250, Math.min(timeout / 2, 1000)));
        pool.setInitializationFailTimeout(-1); // a replica that is down at start-up joins when it comes up
        pool.setReadOnly(true);
        return pool;
    }
}
