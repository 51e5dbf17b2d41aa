package io.boxoffice.backups;

import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The backup schedule (the seeds': a daily full, an hourly incremental, a monthly full kept a year,
 * a monthly restore test).
 *
 * @param enabled whether this deployment's workers run the schedule
 * @param command the backup command and its first arguments; the kind of run ({@code full},
 *     {@code incr}, {@code monthly}, {@code restore-test}) is appended
 * @param fullEvery how old the last full backup may get before the next
 * @param incrementalEvery how old the last backup of any kind may get before an incremental
 * @param restoreTestEvery how old the last successful restore test may get before the next
 * @param checkEvery how often a worker looks at what is due
 * @param timeout how long one run may take before it is stopped and counted as failed
 */
@Validated
@ConfigurationProperties("boxoffice.backups")
record BackupSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("bin/pg-backup") List<String> command,
        @DefaultValue("24h") @DurationMin(minutes = 1) Duration fullEvery,
        @DefaultValue("1h") @DurationMin(minutes = 1) Duration incrementalEvery,
        @DefaultValue("30d") @DurationMin(minutes = 1) Duration restoreTestEvery,
        @DefaultValue("5m") @DurationMin(seconds = 1) Duration checkEvery,
        @DefaultValue("6h") @DurationMin(minutes = 1) Duration timeout) {}
