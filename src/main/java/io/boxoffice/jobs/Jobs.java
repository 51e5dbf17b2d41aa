package io.boxoffice.jobs;

import io.boxoffice.platform.jdbc.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The jobs module's facade: enqueue a job. The row is written through the application's
 * connection, so inside a transaction it commits or rolls back with the business write that
 * caused it: a crash can neither lose the job nor run it for a write that never happened. Any
 * node may enqueue; only nodes whose role runs jobs run them.
 *
 * <p>Every job one transaction enqueues is due at the same instant, the first enqueue's: a worker
 * computes "now" before its poll runs, and if that instant fell between the rows' own times, a
 * poll that ran just after the commit would see only the older part of the backlog due and start
 * it first, whatever its priority. With one instant, a poll sees all of a committed backlog due or
 * none of it, and takes it highest priority first.
 */
@Service
public class Jobs {

    private final JdbcClient jdbc;
    private final Clock clock;

    Jobs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Now, or the instant of the transaction's first enqueue if there was one. */
    private Instant dueNow() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return clock.instant();
        }
        Instant due = (Instant) TransactionSynchronizationManager.getResource(this);
        if (due == null) {
            due = clock.instant();
            TransactionSynchronizationManager.bindResource(this, due);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Jobs.this);
                }
            });
        }
        return due;
    }

    /** Enqueues one job to run now; returns false if this type and instance are already pending. */
    public boolean enqueue(JobType type, String instance) {
        return enqueue(type, instance, null);
    }

    /** Enqueues one job with data to run now; returns false if this type and instance are already pending. */
    public boolean enqueue(JobType type, String instance, @Nullable String data) {
        return jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,
                                                     version, priority, consecutive_failures)
                        values (:name, :instance, :data, :at, false, 1, :priority, 0)
                        on conflict (task_name, task_instance) do nothing
                        """)
                        .param("name", type.name())
                        .param("instance", instance)
                        .param("data", data == null ? null : data.getBytes(StandardCharsets.UTF_8))
                        .param("at", Timestamps.utc(dueNow()))
                        .param("priority", type.priority().value())
                        .update()
                == 1;
    }

    /** Enqueues one job per instance, in one statement; returns how many were not already pending. */
    public int enqueueAll(JobType type, Collection<String> instances) {
        if (instances.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, execution_time, picked,
                                                     version, priority, consecutive_failures)
                        select :name, instance, :at, false, 1, :priority, 0
                          from unnest(cast(:instances as text[])) as instance
                        on conflict (task_name, task_instance) do nothing
                        """)
                .param("name", type.name())
                .param("instances", instances.toArray(String[]::new))
                .param("at", Timestamps.utc(dueNow()))
                .param("priority", type.priority().value())
                .update();
    }
}
