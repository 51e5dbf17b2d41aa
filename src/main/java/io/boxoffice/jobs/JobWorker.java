package io.boxoffice.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This node's worker: a db-scheduler {@link Scheduler} over the queue table, running the job
 * types and recurring jobs the modules declare. Workers claim due jobs in batches with one
 * {@code UPDATE ... FOR UPDATE SKIP LOCKED}, highest priority first, so any number of them share
 * one queue without running a job twice. A worker claims no more jobs than it has free threads:
 * a busy node never sits on jobs another could run, and a job waiting in the table is exactly a
 * job waiting for a worker (what the queue-depth metric counts). A failed attempt is retried after {@link RetryPolicy}'s
 * delay until the type's attempts are spent; then the job goes to the {@link DeadJobs}.
 */
final class JobWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    private final Supplier<Scheduler> schedulers;
    private @Nullable Scheduler scheduler;
    private final String name;
    private final Set<String> typeNames = new HashSet<>();
    private final DeadJobs dead;
    private final RetryPolicy retries;
    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile boolean running;

    JobWorker(
            DataSource primary,
            List<JobType> types,
            List<RecurringJob> recurring,
            JobsSettings settings,
            Clock clock,
            DeadJobs dead,
            RetryPolicy retries,
            MeterRegistry meters,
            ObservationRegistry observations) {
        this.dead = dead;
        this.retries = retries;
        this.meters = meters;
        this.observations = observations;
        this.name = "boxoffice-" + UUID.randomUUID().toString().substring(0, 8);
        List<Task<?>> oneTime = new ArrayList<>();
        for (JobType type : types) {
            if (!typeNames.add(type.name())) {
                throw new IllegalStateException("two job types are named " + type.name());
            }
            oneTime.add(oneTimeTask(type));
        }
        List<RecurringTask<Void>> repeating = new ArrayList<>();
        for (RecurringJob job : recurring) {
            if (!typeNames.add(job.name())) {
                throw new IllegalStateException("two job types are named " + job.name());
            }
            repeating.add(recurringTask(job));
        }
        // a stopped Scheduler cannot start again: each start builds a new one (a paused test context, a restart)
        this.schedulers = () -> Scheduler.create(primary, new ArrayList<>(oneTime))
                .startTasks(repeating)
                .schedulerName(new SchedulerName.Fixed(name))
                .threads(settings.threads())
                .pollingInterval(settings.pollInterval())
                .heartbeatInterval(settings.heartbeat())
                .shutdownMaxWait(settings.shutdownWait())
                .pollUsingLockAndFetch(0.5, 1.0)
                .enablePriority()
                .serializer(new TextSerializer())
                .clock(clock::instant)
                .failureLogging(LogLevel.DEBUG, false)
                .build();
    }

    private Task<String> oneTimeTask(JobType type) {
        return Tasks.oneTime(type.name(), String.class)
                .defaultPriority(type.priority().value())
                .onFailure(new RetryOrBury(type))
                .execute((TaskInstance<String> instance, ExecutionContext context) -> {
                    int attempt = context.getExecution().consecutiveFailures + 1;
                    run(
                            type.name(),
                            () -> type.handler().run(new JobType.Job(instance.getId(), instance.getData(), attempt)));
                    count(type.name(), "success");
                });
    }

    private RecurringTask<Void> recurringTask(RecurringJob job) {
        return Tasks.recurring(job.name(), FixedDelay.of(job.interval()))
                .defaultPriority(job.priority().value())
                .execute((instance, context) -> {
                    try {
                        run(job.name(), job.work()::run);
                    } catch (RuntimeException e) {
                        count(job.name(), "failure");
                        log.atWarn()
                                .addKeyValue("job", job.name())
                                .log(
                                        "recurring job {} failed, it runs again in {}: {}",
                                        job.name(),
                                        job.interval(),
                                        e.toString());
                        throw e;
                    }
                    count(job.name(), "success");
                });
    }

    /** Work that may throw a checked exception. */
    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /**
     * Runs one job as an observation: a {@code boxoffice.jobs.run} timer by job type and error, and
     * a span (when sampled) that the job's SQL statements hang under.
     */
    private void run(String type, Work work) {
        try {
            Observation.createNotStarted("boxoffice.jobs.run", observations)
                    .contextualName("job " + type)
                    .lowCardinalityKeyValue("job", type)
                    .observeChecked(work::run);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new JobFailed(type, e);
        }
    }

    private void count(String job, String outcome) {
        counters.computeIfAbsent(
                        job + " " + outcome,
                        key -> Counter.builder("boxoffice.jobs.executions")
                                .description(
                                        "Job runs, by job type and outcome (success, failure: will run again, dead: out of attempts)")
                                .tag("job", job)
                                .tag("outcome", outcome)
                                .register(meters))
                .increment();
    }

    /** Reschedules a failed job after its backoff, or buries it once its attempts are spent. */
    private final class RetryOrBury implements FailureHandler<String> {

        private final JobType type;

        RetryOrBury(JobType type) {
            this.type = type;
        }

        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<String> operations) {
            var execution = complete.getExecution();
            int attempt = execution.consecutiveFailures + 1;
            String error = complete.getCause().map(JobWorker::describe).orElse("unknown failure");
            Instant now = complete.getTimeDone();
            if (attempt < type.maxAttempts()) {
                Instant next = now.plus(retries.delay(attempt));
                operations.reschedule(complete, next);
                count(type.name(), "failure");
                log.atWarn()
                        .addKeyValue("job", type.name())
                        .log(
                                "job {} {} failed attempt {} of {}, retrying at {}: {}",
                                type.name(),
                                execution.taskInstance.getId(),
                                attempt,
                                type.maxAttempts(),
                                next,
                                error);
            } else if (dead.bury(type.name(), execution.taskInstance.getId(), execution.version, attempt, error, now)) {
                count(type.name(), "dead");
                log.atError()
                        .addKeyValue("job", type.name())
                        .log(
                                "job {} {} failed its last attempt ({}) and is in the dead letters: {}",
                                type.name(),
                                execution.taskInstance.getId(),
                                attempt,
                                error);
            } else {
                log.atWarn()
                        .log(
                                "job {} {} changed while failing; left as it is",
                                type.name(),
                                execution.taskInstance.getId());
            }
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof JobFailed && failure.getCause() != null ? failure.getCause() : failure;
        StringBuilder text = new StringBuilder(cause.toString());
        for (Throwable deeper = cause.getCause(); deeper != null && deeper != cause; deeper = deeper.getCause()) {
            text.append(" <- ").append(deeper);
            cause = deeper;
        }
        return text.toString();
    }

    /** A checked failure of a job's handler. */
    private static final class JobFailed extends RuntimeException {
        JobFailed(String type, Exception cause) {
            super("job " + type + " failed", cause);
        }
    }

    @Override
    public synchronized void start() {
        scheduler = schedulers.get();
        scheduler.start();
        running = true;
        log.info("Job worker {} started on {} job types", name, typeNames.size());
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server has drained, before the connection pools close. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
