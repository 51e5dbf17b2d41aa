package io.boxoffice.notifications;

import io.boxoffice.jobs.JobPriority;
import io.boxoffice.jobs.JobType;
import io.boxoffice.jobs.RecurringJob;
import io.boxoffice.platform.jdbc.Retention;
import io.boxoffice.platform.jdbc.Timestamps;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The email job types, for the jobs module's workers. */
@Configuration(proxyBeanMethods = false)
class NotificationJobs {

    /** Removes the records of emails sent longer ago than {@code sent-email-retention}, in batches. */
    @Bean
    RecurringJob sentEmailExpiryJob(JdbcClient jdbc, NotificationSettings settings, Clock clock) {
        return new RecurringJob(
                "sent-email-expiry",
                JobPriority.LOW,
                Duration.ofHours(6),
                () -> Retention.deleteBelow(
                        jdbc,
                        "sent_email",
                        "sent_at",
                        Timestamps.utc(clock.instant().minus(settings.sentEmailRetention())),
                        1_000));
    }

    @Bean
    JobType orderConfirmationEmailJob(Notices notices) {
        return notices.confirmationJob();
    }

    @Bean
    JobType eventCancelledNoticesJob(Notices notices) {
        return notices.cancellationFanOutJob();
    }

    @Bean
    JobType eventCancelledEmailJob(Notices notices) {
        return notices.cancellationJob();
    }
}
