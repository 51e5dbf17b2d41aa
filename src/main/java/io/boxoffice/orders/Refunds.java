package io.boxoffice.orders;

import io.boxoffice.jobs.JobPriority;
import io.boxoffice.jobs.JobType;
import io.boxoffice.jobs.Jobs;
import io.boxoffice.orders.PaymentRecords.Owed;
import io.boxoffice.orders.PaymentRecords.RefundReason;
import io.boxoffice.orders.PaymentRecords.RefundStatus;
import io.boxoffice.payments.Payments;
import io.boxoffice.payments.RefundOutcome;
import io.boxoffice.payments.RefundRequest;
import io.boxoffice.platform.database.DatabaseRouting;
import io.boxoffice.platform.id.Ids;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Money back, in two steps that never hold a transaction across the network. The transaction that
 * cancels an order (or a whole event) records a pending refund of what is left of each charge and
 * enqueues one job per order, both committing with the cancellation; the job, after the commit,
 * asks the provider for each pending refund under the refund's own idempotency key and records
 * the answer. A job run again after a crash sends the same refund again, which moves money once.
 * A refund the provider refuses is recorded as failed and owed again under a new id, and the job
 * retries with backoff until it goes through or reaches the dead-letter table.
 */
@Component
class Refunds {

    /** Attempts before a refund job goes to the dead-letter table (about 2.5 hours of waits with the default backoff: 5 s doubling to the 1 h cap). */
    static final int MAX_ATTEMPTS = 12;

    private static final Logger log = LoggerFactory.getLogger(Refunds.class);

    private final Jobs jobs;
    private final PaymentRecords records;
    private final Payments payments;
    private final OrderMetrics metrics;
    private final Clock clock;
    private final JobType job;

    Refunds(Jobs jobs, PaymentRecords records, Payments payments, OrderMetrics metrics, Clock clock) {
        this.jobs = jobs;
        this.records = records;
        this.payments = payments;
        this.metrics = metrics;
        this.clock = clock;
        this.job = new JobType("order-refund", JobPriority.MEDIUM, MAX_ATTEMPTS, this::refund);
    }

    /** The job that pays one order's pending refunds. */
    JobType job() {
        return job;
    }

    /**
     * Records, in the current transaction, that what is left of these orders' charges is to go
     * back (free orders have none), and enqueues the jobs that pay it once the transaction commits.
     */
    void owe(Collection<UUID> orderIds, RefundReason reason) {
        List<UUID> ids = List.copyOf(orderIds);
        if (records.oweAll(ids, reason, clock.instant()) > 0) {
            jobs.enqueueAll(job, ids.stream().map(UUID::toString).toList());
        }
    }

    /** Sends the order's pending refunds again (a webhook said one of them moved): their records follow. */
    void recheck(UUID orderId) {
        jobs.enqueue(job, orderId.toString());
    }

    private void refund(JobType.Job run) {
        UUID orderId = UUID.fromString(run.instance());
        List<Owed> pending = DatabaseRouting.onPrimary(() -> records.pendingRefunds(orderId));
        boolean unfinished = false;
        for (Owed owed : pending) {
            PaymentRecords.Refund refund = owed.refund();
            RefundOutcome outcome = payments.refund(new RefundRequest(
                    refund.id(), owed.provider(), owed.chargeReference(), refund.amountCents(), refund.currency()));
            switch (outcome) {
                case RefundOutcome.Succeeded succeeded -> {
                    records.settleRefund(refund, RefundStatus.SUCCEEDED, succeeded.reference(), null, clock.instant());
                    metrics.refundPaid();
                }
                case RefundOutcome.Pending accepted -> {
                    records.settleRefund(refund, RefundStatus.PENDING, accepted.reference(), null, clock.instant());
                    unfinished = true;
                }
                case RefundOutcome.Failed failed -> {
                    log.atWarn()
                            .log(
                                    "refund {} of order {} refused by {}: {}; owed again",
                                    refund.id(),
                                    orderId,
                                    owed.provider(),
                                    failed.reason());
                    records.refundFailedOwedAgain(
                            refund, failed.reference(), failed.reason(), Ids.newId(clock), clock.instant());
                    unfinished = true;
                }
            }
        }
        if (unfinished) {
            throw new IllegalStateException("refunds of order " + orderId + " not confirmed yet: asking again later");
        }
    }
}
