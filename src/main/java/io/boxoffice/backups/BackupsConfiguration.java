package io.boxoffice.backups;

import io.boxoffice.jobs.RecurringJob;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The backup schedule's job when backups are on; the backup and archive metrics always. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackupSettings.class)
class BackupsConfiguration {

    @Bean
    @ConditionalOnBooleanProperty("boxoffice.backups.enabled")
    Backups backups(BackupRuns runs, BackupSettings settings, Clock clock) {
        return new Backups(runs, settings, clock);
    }

    @Bean
    @ConditionalOnBooleanProperty("boxoffice.backups.enabled")
    RecurringJob backupScheduleJob(Backups backups) {
        return backups.job();
    }

    @Bean
    BackupMetrics backupMetrics(
            JdbcClient jdbc, BackupRuns runs, BackupSettings settings, Clock clock, MeterRegistry meters) {
        return new BackupMetrics(jdbc, runs, settings.enabled(), clock, meters);
    }
}
