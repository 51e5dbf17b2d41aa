package io.boxoffice.jobs;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this node's worker runs jobs.
 *
 * @param threads how many jobs run at once on this node
 * @param pollInterval how often an idle worker looks for due jobs (a busy one looks again at once)
 * @param heartbeat how often a running job's row is touched; a job whose node stops touching it
 *     for four beats is taken to be dead and run again elsewhere
 * @param shutdownWait how long a stopping worker lets running jobs finish
 * @param retryBase the bound on the first retry's delay; each further retry doubles it
 * @param retryCap the most any retry waits
 * @param metricsRefresh how old the queue figures in the metrics may be
 * @param deadRetention how long a dead job is kept for an administrator to inspect or replay
 */
@Validated
@ConfigurationProperties("boxoffice.jobs")
record JobsSettings(
        @DefaultValue("8") @Min(1) int threads,
        @DefaultValue("500ms") @DurationMin(millis = 10) Duration pollInterval,
        @DefaultValue("30s") @DurationMin(seconds = 1) Duration heartbeat,
        @DefaultValue("20s") @DurationMin(millis = 0) Duration shutdownWait,
        @DefaultValue("5s") @DurationMin(millis = 1) Duration retryBase,
        @DefaultValue("1h") @DurationMin(millis = 1) Duration retryCap,
        @DefaultValue("5s") @DurationMin(millis = 0) Duration metricsRefresh,
        @DefaultValue("90d") @DurationMin(hours = 1) Duration deadRetention) {}
