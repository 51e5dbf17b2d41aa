package io.boxoffice.backups;

import io.boxoffice.jobs.JobPriority;
import io.boxoffice.jobs.RecurringJob;
import io.boxoffice.platform.database.DatabaseRouting;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the backup schedule: every {@code check-every}, on one worker at a time, the run that is
 * due (if any) is recorded as started, run by the backup command outside any transaction, and
 * recorded as succeeded or failed with the command's output. A failure is retried at the next
 * check; the alerts on the backups' age say when failures go on too long.
 */
class Backups {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);

    private final BackupRuns runs;
    private final BackupSchedule schedule;
    private final BackupCommand command;
    private final BackupSettings settings;
    private final Clock clock;

    Backups(BackupRuns runs, BackupSettings settings, Clock clock) {
        this.runs = runs;
        this.schedule = BackupSchedule.of(settings);
        this.command = new BackupCommand(settings.command(), settings.timeout());
        this.settings = settings;
        this.clock = clock;
    }

    RecurringJob job() {
        return new RecurringJob("backup-schedule", JobPriority.LOW, settings.checkEvery(), this::runDue);
    }

    /** Runs what is due now, if anything; returns what ran and whether it succeeded. */
    Optional<Ran> runDue() {
        Instant now = clock.instant();
        Optional<BackupKind> due = DatabaseRouting.onPrimary(() -> {
            runs.abandonStartedBefore(now.minus(settings.timeout()).minus(settings.checkEvery()));
            return schedule.due(now, runs.lastSuccesses());
        });
        return due.map(this::run);
    }

    /** Runs {@code kind} now, whatever the schedule says. */
    Ran run(BackupKind kind) {
        UUID id = runs.begin(kind);
        log.info("backup run {} started: {}", id, kind.command());
        BackupCommand.Result result = command.run(kind);
        runs.finish(id, result.succeeded(), result.output());
        if (result.succeeded()) {
            log.info("backup run {} ({}) succeeded: {}", id, kind.command(), lastLine(result.output()));
        } else {
            log.warn(
                    "backup run {} ({}) failed with exit code {}: {}",
                    id,
                    kind.command(),
                    result.exitCode(),
                    lastLine(result.output()));
        }
        return new Ran(kind, result.succeeded(), result.output());
    }

    /** One run: its kind, whether it succeeded, the command's output. */
    record Ran(BackupKind kind, boolean succeeded, String output) {}

    private static String lastLine(String output) {
        int newline = output.lastIndexOf('\n');
        return newline < 0 ? output : output.substring(newline + 1);
    }
}
