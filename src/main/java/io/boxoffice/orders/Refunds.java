package io.boxoffice.orders;

import io.boxoffice.jobs.JobPriority;
import io.boxoffice.jobs.JobType;
import io.boxoffice.jobs.Jobs;
import io.boxoffice.payments.Payments;
import io.boxoffice.platform.database.DatabaseRouting;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Money back for refunded orders, outside the transaction that refunded them. The refund (of one
 * order, or of every order of a cancelled event) records its intent as one job per order in its
 * own transaction; once it commits, a worker asks the payment provider, with retries and backoff,
 * then the dead-letter table. A rollback takes the jobs with it, so no money moves for a refund
 * that did not happen, and no provider call holds a row lock.
 */
@Component
class Refunds {

    /** Attempts before a refund goes to the dead-letter table (at most about 2.5 hours of waits with the default backoff: 5 s doubling to the 1 h cap). */
    static final int MAX_ATTEMPTS = 12;

    private final Jobs jobs;
    private final OrderRecords records;
    private final Payments payments;
    private final OrderMetrics metrics;
    private final Clock clock;
    private final JobType job;

    Refunds(Jobs jobs, OrderRecords records, Payments payments, OrderMetrics metrics, Clock clock) {
        this.jobs = jobs;
        this.records = records;
        this.payments = payments;
        this.metrics = metrics;
        this.clock = clock;
        this.job = new JobType("order-refund", JobPriority.MEDIUM, MAX_ATTEMPTS, this::refund);
    }

    /** The job that pays one order's refund. */
    JobType job() {
        return job;
    }

    /** Records, in the current transaction, that these refunded orders' money is to go back. */
    void owe(Collection<UUID> orderIds) {
        jobs.enqueueAll(job, orderIds.stream().map(UUID::toString).toList());
    }

    /**
     * Asks the provider for one order's money back, then records that it did. A run after the
     * record finds nothing owed; a run after the provider call but before the record (a crash)
     * asks again with the same charge reference, which the provider answers without moving money twice.
     */
    private void refund(JobType.Job job) {
        UUID id = UUID.fromString(job.instance());
        Optional<OrderRecords.Paid> owed = DatabaseRouting.onPrimary(() -> records.owed(id));
        if (owed.isEmpty()) {
            return; // paid back already
        }
        OrderRecords.Paid paid = owed.get();
        payments.refund(paid.paymentMethod(), paid.paymentRef(), paid.totalCents(), paid.currency());
        records.refundPaid(id, clock.instant());
        metrics.refundPaid();
    }
}
