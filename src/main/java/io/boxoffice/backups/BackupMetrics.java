package io.boxoffice.backups;

import io.boxoffice.platform.database.DatabaseRouting;
import io.boxoffice.platform.jdbc.Sampled;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How fresh the backups and the WAL archive are, read from the primary at most every {@link
 * #REFRESH}, however often scraped:
 *
 * <ul>
 *   <li>{@code boxoffice_backup_last_success_timestamp_seconds{type}}: when each kind of backup
 *       last succeeded (0: never), and {@code
 *       boxoffice_backup_restore_test_last_success_timestamp_seconds}; both only where the
 *       schedule runs ({@code boxoffice.backups.enabled});
 *   <li>{@code boxoffice_backup_wal_archive_lag_seconds}: how long the oldest completed WAL
 *       segment has waited for the archive (0 when none waits), the part of the recovery point
 *       that archiving adds; NaN when the primary does not archive;
 *   <li>{@code boxoffice_backup_wal_archive_failing}: 1 when the archiver's last attempt failed.
 * </ul>
 */
final class BackupMetrics {

    static final Duration REFRESH = Duration.ofSeconds(10);
    private static final List<BackupKind> BACKUP_TYPES =
            List.of(BackupKind.FULL, BackupKind.DIFF, BackupKind.INCREMENTAL, BackupKind.MONTHLY);

    /** The figures at one moment. */
    record Snapshot(Map<BackupKind, Instant> lastSuccess, double archiveLagSeconds, double archiveFailing) {}

    private final JdbcClient jdbc;
    private final BackupRuns runs;
    private final boolean scheduled;
    private final Sampled<Snapshot> figures;

    BackupMetrics(JdbcClient jdbc, BackupRuns runs, boolean scheduled, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.scheduled = scheduled;
        this.figures = new Sampled<>(
                "backup figures",
                new Snapshot(Map.of(), Double.NaN, Double.NaN),
                REFRESH,
                clock,
                now -> DatabaseRouting.onPrimary(this::read));
        if (scheduled) {
            for (BackupKind kind : BACKUP_TYPES) {
                Gauge.builder("boxoffice.backup.last.success.timestamp", this, m -> m.successSeconds(kind))
                        .description("When a backup of this type last succeeded (0: never)")
                        .baseUnit("seconds")
                        .tag("type", kind.command())
                        .register(meters);
            }
            Gauge.builder(
                            "boxoffice.backup.restore.test.last.success.timestamp",
                            this,
                            m -> m.successSeconds(BackupKind.RESTORE_TEST))
                    .description("When a restore test last succeeded (0: never)")
                    .baseUnit("seconds")
                    .register(meters);
        }
        Gauge.builder("boxoffice.backup.wal.archive.lag", this, m -> m.current().archiveLagSeconds())
                .description(
                        "How long the oldest completed WAL segment has waited for the archive (NaN: not archiving)")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder(
                        "boxoffice.backup.wal.archive.failing",
                        this,
                        m -> m.current().archiveFailing())
                .description("1 when the primary's last attempt to archive a WAL segment failed")
                .register(meters);
    }

    Snapshot current() {
        return figures.get();
    }

    private double successSeconds(BackupKind kind) {
        Instant at = current().lastSuccess().get(kind);
        return at == null ? 0 : at.getEpochSecond();
    }

    private Snapshot read() {
        Map<BackupKind, Instant> successes = scheduled ? runs.lastSuccesses() : new EnumMap<>(BackupKind.class);
        // pg_ls_archive_statusdir needs the pg_monitor role (or a superuser)
        Map<String, Object> archiver = jdbc.sql("""
                        select current_setting('archive_mode') <> 'off'
                               and (pg_has_role('pg_monitor', 'member') or usesuper) as archiving,
                               a.last_failed_time is not null
                               and (a.last_archived_time is null or a.last_failed_time > a.last_archived_time) as failing
                          from pg_stat_archiver a, pg_user where usename = current_user
                        """).query().singleRow();
        if (!Boolean.TRUE.equals(archiver.get("archiving"))) {
            return new Snapshot(successes, Double.NaN, Double.NaN);
        }
        double failing = Boolean.TRUE.equals(archiver.get("failing")) ? 1 : 0;
        return new Snapshot(successes, lag(), failing);
    }

    private double lag() {
        return jdbc.sql("""
                        select coalesce(extract(epoch from now() - min(modification)), 0)
                          from pg_ls_archive_statusdir() where name like '%.ready'
                        """).query(Double.class).single();
    }
}
