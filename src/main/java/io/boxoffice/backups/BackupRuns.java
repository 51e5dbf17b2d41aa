package io.boxoffice.backups;

import io.boxoffice.platform.id.Ids;
import io.boxoffice.platform.jdbc.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code backup_run} table: a run is recorded before it starts and again when it ends. */
@Repository
class BackupRuns {

    private final JdbcClient jdbc;
    private final Clock clock;

    BackupRuns(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records that a run of {@code kind} starts now; returns its id. */
    UUID begin(BackupKind kind) {
        UUID id = Ids.newId(clock);
        jdbc.sql("insert into backup_run (id, kind, started_at, outcome) values (:id, :kind, :at, 'RUNNING')")
                .param("id", id)
                .param("kind", kind.name())
                .param("at", Timestamps.utc(clock.instant()))
                .update();
        return id;
    }

    /** Records how the run ended, with the command's last words. */
    void finish(UUID id, boolean succeeded, String detail) {
        jdbc.sql("update backup_run set finished_at = :at, outcome = :outcome, detail = :detail where id = :id")
                .param("id", id)
                .param("at", Timestamps.utc(clock.instant()))
                .param("outcome", succeeded ? "SUCCEEDED" : "FAILED")
                .param("detail", detail)
                .update();
    }

    /** When each kind last succeeded (kinds that never did are absent). */
    Map<BackupKind, Instant> lastSuccesses() {
        Map<BackupKind, Instant> last = new EnumMap<>(BackupKind.class);
        jdbc.sql("""
                        select kind, max(finished_at) as finished_at from backup_run
                         where outcome = 'SUCCEEDED' group by kind
                        """).query(rs -> {
            last.put(BackupKind.valueOf(rs.getString("kind")), Timestamps.read(rs, "finished_at"));
        });
        return last;
    }

    /**
     * Marks runs still RUNNING after {@code before} as failed: their worker died mid-run (a run
     * that is really going on is never older than the command's time-out).
     */
    int abandonStartedBefore(Instant before) {
        return jdbc.sql("""
                        update backup_run set outcome = 'FAILED', finished_at = :now,
                               detail = 'abandoned: the worker running it stopped'
                         where outcome = 'RUNNING' and started_at < :before
                        """)
                .param("now", Timestamps.utc(clock.instant()))
                .param("before", Timestamps.utc(before))
                .update();
    }
}
