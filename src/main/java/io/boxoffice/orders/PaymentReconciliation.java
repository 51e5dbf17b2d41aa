package io.boxoffice.orders;

import io.boxoffice.jobs.JobPriority;
import io.boxoffice.jobs.RecurringJob;
import io.boxoffice.orders.PaymentRecords.Attempt;
import io.boxoffice.orders.PaymentRecords.AttemptStatus;
import io.boxoffice.payments.ChargeOutcome;
import io.boxoffice.payments.PaymentSettings;
import io.boxoffice.payments.Payments;
import io.boxoffice.payments.ProviderUnavailable;
import io.boxoffice.platform.database.DatabaseRouting;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Settles the payment attempts nobody settled: the provider did not answer, the node died between
 * the call and the record, a webhook was lost. Every {@link #INTERVAL}, as the recurring job
 * {@code payment-reconciliation}, it asks the provider where each attempt open for longer than
 * {@code boxoffice.payments.reconcile-after} stands (by its reference, or by sending the same
 * request again under the same idempotency key) and settles it as the buyer's request would have.
 * A challenge the buyer has not completed within {@code action-timeout} is cancelled at the
 * provider; then the hold may run out. The gauge {@code boxoffice.payments.unreconciled} counts
 * the attempts whose outcome is still unknown after that, on every node: an alert fires when it
 * stays above zero.
 */
@Component
class PaymentReconciliation {

    static final Duration INTERVAL = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);
    private static final int BATCH = 100;

    private final PaymentRecords attempts;
    private final OrderPayments orderPayments;
    private final Payments payments;
    private final PaymentSettings settings;
    private final Clock clock;
    private final AtomicLong unreconciled = new AtomicLong();
    private volatile long countedAt = System.nanoTime() - INTERVAL.toNanos();

    PaymentReconciliation(
            PaymentRecords attempts,
            OrderPayments orderPayments,
            Payments payments,
            PaymentSettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.attempts = attempts;
        this.orderPayments = orderPayments;
        this.payments = payments;
        this.settings = settings;
        this.clock = clock;
        Gauge.builder("boxoffice.payments.unreconciled", this, PaymentReconciliation::unknown)
                .description("Payment attempts whose outcome is unknown past reconcile-after, or challenges past"
                        + " action-timeout (read from the primary at most every 15 s)")
                .register(meters);
    }

    RecurringJob job() {
        return new RecurringJob("payment-reconciliation", JobPriority.HIGH, INTERVAL, this::run);
    }

    /** One pass over the attempts open too long; returns how many it settled. */
    int run() {
        Instant now = clock.instant();
        List<Attempt> open =
                DatabaseRouting.onPrimary(() -> attempts.openSince(now.minus(settings.reconcileAfter()), BATCH));
        int settled = 0;
        for (Attempt attempt : open) {
            try {
                ChargeOutcome outcome = challengeTimedOut(attempt, now)
                        ? payments.cancel(attempt.provider(), attempt.request(), attempt.providerRef())
                        : payments.find(attempt.provider(), attempt.request(), attempt.providerRef());
                if (!(orderPayments.settle(attempt, outcome) instanceof OrderPayments.Settled.StillOpen)) {
                    settled++;
                }
            } catch (ProviderUnavailable e) {
                log.atWarn()
                        .log(
                                "payment of order {} attempt {} still unknown: {}",
                                attempt.orderId(),
                                attempt.number(),
                                e.getMessage());
            }
        }
        return settled;
    }

    /** The gauge's value: counted again when the last count is older than {@link #INTERVAL}. */
    private double unknown() {
        long now = System.nanoTime();
        if (now - countedAt >= INTERVAL.toNanos()) {
            try {
                Instant at = clock.instant();
                unreconciled.set(DatabaseRouting.onPrimary(() -> attempts.unknownCount(
                        at.minus(settings.reconcileAfter()), at.minus(settings.actionTimeout()))));
                countedAt = now;
            } catch (RuntimeException e) {
                log.atWarn().log("could not count unreconciled payments: {}", e.getMessage());
            }
        }
        return unreconciled.get();
    }

    private boolean challengeTimedOut(Attempt attempt, Instant now) {
        return attempt.status() == AttemptStatus.ACTION_REQUIRED
                && attempt.providerRef() != null
                && attempt.startedAt().isBefore(now.minus(settings.actionTimeout()));
    }
}
