package io.boxoffice.orders;

import io.boxoffice.jobs.JobPriority;
import io.boxoffice.jobs.JobType;
import io.boxoffice.jobs.Jobs;
import io.boxoffice.orders.PaymentRecords.Attempt;
import io.boxoffice.payments.ChargeOutcome;
import io.boxoffice.payments.PaymentNotice;
import io.boxoffice.payments.Payments;
import io.boxoffice.platform.database.DatabaseRouting;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What the orders do with a provider's notice, in the transaction that recorded it: nothing that
 * talks to the provider. A notice about a charge enqueues the job {@code payment-notice}, which
 * asks the provider where the charge stands now and settles its attempt (so a late, repeated or
 * out-of-order notice changes nothing); a refund notice sends the order's pending refunds again,
 * which updates their records; a dispute is recorded at once and flags its order.
 */
@Component
class PaymentNotices {

    private static final Logger log = LoggerFactory.getLogger(PaymentNotices.class);

    private final Jobs jobs;
    private final PaymentRecords attempts;
    private final OrderPayments orderPayments;
    private final Payments payments;
    private final Refunds refunds;
    private final Clock clock;
    private final JobType job;

    PaymentNotices(
            Jobs jobs,
            PaymentRecords attempts,
            OrderPayments orderPayments,
            Payments payments,
            Refunds refunds,
            Clock clock) {
        this.jobs = jobs;
        this.attempts = attempts;
        this.orderPayments = orderPayments;
        this.payments = payments;
        this.refunds = refunds;
        this.clock = clock;
        this.job = new JobType("payment-notice", JobPriority.HIGH, 8, this::settle);
    }

    JobType job() {
        return job;
    }

    @EventListener
    void on(PaymentNotice notice) {
        Optional<Attempt> attempt = attemptOf(notice);
        if (attempt.isEmpty()) {
            log.atInfo().log(
                    "{} event {} ({}) names no charge of Boxoffice's",
                    notice.provider(),
                    notice.eventId(),
                    notice.type());
            return;
        }
        Attempt charge = attempt.get();
        if (notice.dispute() != null) {
            PaymentNotice.Dispute dispute = notice.dispute();
            if (attempts.dispute(
                    charge,
                    dispute.reference(),
                    dispute.amountCents(),
                    dispute.reason(),
                    dispute.status(),
                    clock.instant())) {
                log.atWarn().log("order {} disputed ({}): {}", charge.orderId(), dispute.reference(), dispute.reason());
            }
        } else if (notice.type().startsWith("charge.refund")) {
            refunds.recheck(charge.orderId());
        } else if (notice.type().startsWith("payment_intent.")) {
            jobs.enqueue(job, charge.organizerId() + "/" + charge.orderId() + "/" + charge.number());
        }
    }

    private Optional<Attempt> attemptOf(PaymentNotice notice) {
        Optional<PaymentNotice.Attempt> named = notice.attempt();
        if (named.isPresent()) {
            return attempts.find(
                    named.get().organizerId(),
                    named.get().orderId(),
                    named.get().number());
        }
        return notice.chargeReference() == null ? Optional.empty() : attempts.byReference(notice.chargeReference());
    }

    /** Asks the provider where the attempt stands and settles it, unless it is settled already. */
    private void settle(JobType.Job run) {
        String[] parts = run.instance().split("/");
        UUID organizerId = UUID.fromString(parts[0]);
        UUID orderId = UUID.fromString(parts[1]);
        int number = Integer.parseInt(parts[2]);
        Optional<Attempt> attempt = DatabaseRouting.onPrimary(() -> attempts.find(organizerId, orderId, number));
        if (attempt.isEmpty() || !attempt.get().status().open()) {
            return;
        }
        ChargeOutcome outcome = payments.find(
                attempt.get().provider(), attempt.get().request(), attempt.get().providerRef());
        orderPayments.settle(attempt.get(), outcome);
    }
}
