package io.boxoffice.orders;

import io.boxoffice.jobs.JobType;
import io.boxoffice.jobs.RecurringJob;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The orders module's jobs, recurring and queued, run by the jobs module's workers. */
@Configuration(proxyBeanMethods = false)
class OrderJobs {

    @Bean
    RecurringJob holdSweeperJob(HoldSweeper sweeper) {
        return sweeper.job();
    }

    @Bean
    RecurringJob partitionMaintenanceJob(OrderHousekeeping housekeeping) {
        return housekeeping.partitionJob();
    }

    @Bean
    RecurringJob orderRetentionJob(OrderHousekeeping housekeeping) {
        return housekeeping.orderRetentionJob();
    }

    @Bean
    RecurringJob orderArchiveJob(OrderArchive archive) {
        return archive.job();
    }

    @Bean
    RecurringJob idempotencyKeyExpiryJob(OrderHousekeeping housekeeping) {
        return housekeeping.keyExpiryJob();
    }

    @Bean
    RecurringJob salesRollupJob(SalesRollup rollup) {
        return rollup.job();
    }

    @Bean
    RecurringJob paymentReconciliationJob(PaymentReconciliation reconciliation) {
        return reconciliation.job();
    }

    @Bean
    JobType paymentNoticeJob(PaymentNotices notices) {
        return notices.job();
    }

    @Bean
    JobType orderRefundJob(Refunds refunds) {
        return refunds.job();
    }
}
