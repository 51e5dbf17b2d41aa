package io.boxoffice.notifications;

import io.boxoffice.jobs.JobType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The email job types, for the jobs module's workers. */
@Configuration(proxyBeanMethods = false)
class NotificationJobs {

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
