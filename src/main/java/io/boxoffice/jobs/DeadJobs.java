package io.boxoffice.jobs;

import io.boxoffice.platform.domain.DomainException;
import io.boxoffice.platform.id.Ids;
import io.boxoffice.platform.jdbc.Timestamps;
import io.boxoffice.platform.web.Cursors;
import io.boxoffice.platform.web.Page;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dead letters: jobs that failed their last attempt. A job moves here from the queue, and
 * back on a replay, in one statement each way, so it is never in both places nor in neither.
 */
@Repository
class DeadJobs {

    /** A dead job as the admin API shows it. */
    record DeadJob(
            UUID id,
            String type,
            String instance,
            @Nullable String data,
            String priority,
            int attempts,
            String lastError,
            Instant diedAt) {}

    /** The dead job asked for does not exist (or was replayed or deleted meanwhile). */
    static final class DeadJobNotFound extends DomainException {
        DeadJobNotFound() {
            super(Kind.NOT_FOUND, "not-found", "No such dead job.");
        }
    }

    /** A dead job whose type this version of Boxoffice no longer knows cannot be replayed. */
    static final class UnknownJobType extends DomainException {
        UnknownJobType(String type) {
            super(
                    Kind.CONFLICT,
                    "unknown-job-type",
                    "No job type \"" + type + "\" is known; the job cannot run again.");
        }
    }

    private static final int MAX_ERROR_LENGTH = 4000;

    private final JdbcClient jdbc;
    private final Clock clock;

    DeadJobs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Moves the job out of the queue into the dead letters, if its row is still the version this
     * worker ran; returns whether it moved.
     */
    boolean bury(String type, String instance, long version, int attempts, String error, Instant at) {
        String trimmed = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        return jdbc.sql("""
                        with moved as (
                            delete from scheduled_tasks
                             where task_name = :type and task_instance = :instance and version = :version
                         returning task_name, task_instance, task_data, coalesce(priority, :medium) as priority)
                        insert into dead_job (id, task_name, task_instance, task_data, priority, attempts, last_error, died_at)
                        select :id, task_name, task_instance, task_data, priority, :attempts, :error, :at from moved
                        """)
                        .param("type", type)
                        .param("instance", instance)
                        .param("version", version)
                        .param("medium", JobPriority.MEDIUM.value())
                        .param("id", Ids.newId(clock))
                        .param("attempts", attempts)
                        .param("error", trimmed)
                        .param("at", Timestamps.utc(at))
                        .update()
                == 1;
    }

    /** The dead jobs, most recent first, optionally of one type. */
    @Transactional(readOnly = true)
    Page<DeadJob> list(@Nullable String type, @Nullable String cursor, @Nullable Integer limit) {
        int size = Cursors.limit(limit);
        List<String> after = Cursors.decode(cursor, 2);
        Instant afterAt = null;
        UUID afterId = null;
        if (after != null) {
            try {
                afterAt = Instant.parse(after.get(0));
                afterId = UUID.fromString(after.get(1));
            } catch (RuntimeException e) {
                throw Cursors.invalid();
            }
        }
        List<DeadJob> rows = jdbc.sql("""
                        select * from dead_job
                         where (cast(:type as text) is null or task_name = :type)
                           and (cast(:afterAt as timestamptz) is null or (died_at, id) < (:afterAt, :afterId))
                         order by died_at desc, id desc
                         limit :limit
                        """)
                .param("type", type)
                .param("afterAt", Timestamps.utc(afterAt))
                .param("afterId", afterId)
                .param("limit", size + 1)
                .query((rs, n) -> read(rs))
                .list();
        return Page.of(
                rows,
                size,
                row -> Cursors.encode(row.diedAt().toString(), row.id().toString()));
    }

    /** How many jobs are dead. */
    long count() {
        return jdbc.sql("select count(*) from dead_job").query(Long.class).single();
    }

    /**
     * Puts a dead job back on the queue with its attempts reset, to run now; if the same job is
     * pending already (enqueued again since), that one stands and the dead one just goes.
     */
    @Transactional
    DeadJob replay(UUID id, Predicate<String> knownType) {
        DeadJob dead = jdbc.sql("select * from dead_job where id = :id for update")
                .param("id", id)
                .query((rs, n) -> read(rs))
                .optional()
                .orElseThrow(DeadJobNotFound::new);
        if (!knownType.test(dead.type())) {
            throw new UnknownJobType(dead.type());
        }
        jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,
                                                     version, priority, consecutive_failures)
                        select task_name, task_instance, task_data, :at, false, 1, priority, 0
                          from dead_job where id = :id
                        on conflict (task_name, task_instance) do nothing
                        """)
                .param("id", id)
                .param("at", Timestamps.utc(clock.instant()))
                .update();
        jdbc.sql("delete from dead_job where id = :id").param("id", id).update();
        return dead;
    }

    /** Forgets a dead job for good. */
    @Transactional
    void delete(UUID id) {
        if (jdbc.sql("delete from dead_job where id = :id").param("id", id).update() == 0) {
            throw new DeadJobNotFound();
        }
    }

    private static DeadJob read(ResultSet rs) throws SQLException {
        byte[] data = rs.getBytes("task_data");
        return new DeadJob(
                rs.getObject("id", UUID.class),
                rs.getString("task_name"),
                rs.getString("task_instance"),
                data == null ? null : new String(data, StandardCharsets.UTF_8),
                JobPriority.of(rs.getInt("priority")).label(),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                Timestamps.read(rs, "died_at"));
    }
}
