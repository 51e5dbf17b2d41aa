package io.boxoffice.jobs;

import io.boxoffice.platform.jdbc.Sampled;
import io.boxoffice.platform.jdbc.Timestamps;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The queue as an autoscaler sees it, per priority: how many jobs are due and waiting for a
 * worker, and how long the oldest of them has waited; plus how many are dead. One query serves
 * every gauge and is repeated at most once per refresh period, however often they are scraped.
 */
final class JobMetrics {

    /** The queue's figures at one moment. */
    record Snapshot(Map<JobPriority, Long> depth, Map<JobPriority, Double> oldestAgeSeconds, long dead, Instant at) {}

    private final JdbcClient jdbc;
    private final Sampled<Snapshot> figures;

    JobMetrics(JdbcClient jdbc, Clock clock, Duration refresh, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.figures = new Sampled<>("job queue figures", empty(Instant.EPOCH), refresh, clock, this::read);
        for (JobPriority priority : JobPriority.values()) {
            Gauge.builder(
                            "boxoffice.jobs.queue.depth",
                            this,
                            metrics -> metrics.current().depth().get(priority))
                    .description("Jobs due and waiting for a worker")
                    .tag("priority", priority.label())
                    .register(meters);
            Gauge.builder(
                            "boxoffice.jobs.oldest.age",
                            this,
                            metrics -> metrics.current().oldestAgeSeconds().get(priority))
                    .description("How long the oldest due job has waited for a worker")
                    .baseUnit("seconds")
                    .tag("priority", priority.label())
                    .register(meters);
        }
        Gauge.builder("boxoffice.jobs.dead", this, metrics -> metrics.current().dead())
                .description("Jobs in the dead letters")
                .register(meters);
    }

    /** The figures, read again if older than the refresh period. */
    Snapshot current() {
        return figures.get();
    }

    private Snapshot read(Instant now) {
        Snapshot snapshot = empty(now);
        jdbc.sql("""
                        select case when priority >= :high then 'HIGH' when priority >= :medium then 'MEDIUM' else 'LOW' end
                               as priority,
                               count(*) as depth, min(execution_time) as oldest
                          from scheduled_tasks
                         where not picked and execution_time <= :now
                         group by 1
                        """)
                .param("high", JobPriority.HIGH.value())
                .param("medium", JobPriority.MEDIUM.value())
                .param("now", Timestamps.utc(now))
                .query(rs -> {
                    JobPriority priority = JobPriority.valueOf(rs.getString("priority"));
                    snapshot.depth().put(priority, rs.getLong("depth"));
                    Instant oldest = Timestamps.read(rs, "oldest");
                    snapshot.oldestAgeSeconds()
                            .put(
                                    priority,
                                    Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0));
                });
        long dead = jdbc.sql("select count(*) from dead_job").query(Long.class).single();
        return new Snapshot(snapshot.depth(), snapshot.oldestAgeSeconds(), dead, now);
    }

    private static Snapshot empty(Instant at) {
        Map<JobPriority, Long> depth = new EnumMap<>(JobPriority.class);
        Map<JobPriority, Double> age = new EnumMap<>(JobPriority.class);
        for (JobPriority priority : JobPriority.values()) {
            depth.put(priority, 0L);
            age.put(priority, 0.0);
        }
        return new Snapshot(depth, age, 0, at);
    }
}
