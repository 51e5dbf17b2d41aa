package io.boxoffice.orders;

import io.boxoffice.jobs.JobPriority;
import io.boxoffice.jobs.RecurringJob;
import io.boxoffice.platform.jdbc.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Releases expired holds, as the recurring job {@code hold-sweeper} (high priority, every
 * {@code boxoffice.orders.sweep-interval}) that one worker at a time runs. It claims holds with
 * {@code FOR UPDATE SKIP LOCKED}, so it never waits on, nor touches, an order a payment has
 * locked. A hold with a payment under way (an attempt whose outcome is not known yet) is not
 * released, whatever its time: the payment's outcome decides, and a payment that begins extends
 * the hold in the order's own row, so a sweep that raced it sees the new end.
 */
@Component
class HoldSweeper {

    private static final Logger log = LoggerFactory.getLogger(HoldSweeper.class);
    /** The least time one run may keep sweeping, however short the interval. */
    private static final Duration MIN_RUN = Duration.ofSeconds(1);

    private final Inventory inventory;
    private final OrderSettings settings;
    private final Clock clock;
    private final OrderMetrics metrics;

    HoldSweeper(Inventory inventory, OrderSettings settings, Clock clock, OrderMetrics metrics) {
        this.inventory = inventory;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The recurring job. */
    RecurringJob job() {
        return new RecurringJob("hold-sweeper", JobPriority.HIGH, settings.sweepInterval(), this::sweepDue);
    }

    /**
     * Releases every hold that is due, a batch per transaction, for at most one interval's worth
     * of time (the rest waits for the next run, so a huge backlog cannot hold the job forever).
     */
    void sweepDue() {
        long deadline = System.nanoTime() + Math.max(settings.sweepInterval().toNanos(), MIN_RUN.toNanos());
        int released = 0;
        int batch;
        try {
            do {
                batch = sweep();
                metrics.holdsExpired(batch);
                released += batch;
            } while (batch == settings.sweepBatch() && System.nanoTime() < deadline);
        } catch (TransientDataAccessException e) {
            log.atWarn().log("hold sweep deferred to the next run: {}", e.getMessage());
        }
        if (released > 0) {
            log.atDebug().log("released {} expired holds", released);
        }
    }

    /** Expires and releases up to one batch of holds past their time, in one statement; returns how many. */
    int sweep() {
        return inventory.closeAndRelease(
                """
                select o.organizer_id, o.id from orders o
                 where o.status = :from and o.expires_at <= :due
                   and not exists (select 1 from payment_attempt a
                                    where a.organizer_id = o.organizer_id and a.order_id = o.id
                                      and a.resolved_at is null)
                 order by o.expires_at
                 limit :limit
                   for update of o skip locked""",
                Map.of(
                        "from",
                        OrderStatus.PENDING.name(),
                        "due",
                        Timestamps.utc(clock.instant()),
                        "limit",
                        settings.sweepBatch()),
                OrderTransition.EXPIRE,
                clock.instant());
    }
}
