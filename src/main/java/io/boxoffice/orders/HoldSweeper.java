package io.boxoffice.orders;

import io.boxoffice.platform.jdbc.Timestamps;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Releases expired holds. It claims them with {@code FOR UPDATE SKIP LOCKED}, so it runs on every
 * node at once without two nodes releasing one hold, and never touches an order a payment has
 * locked: the payment either confirms it before it expires or finds it EXPIRED.
 */
@Component
class HoldSweeper {

    private static final Logger log = LoggerFactory.getLogger(HoldSweeper.class);

    private final Inventory inventory;
    private final OrderSettings settings;
    private final Clock clock;

    HoldSweeper(Inventory inventory, OrderSettings settings, Clock clock) {
        this.inventory = inventory;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${boxoffice.orders.sweep-interval:1s}")
    void sweepOnSchedule() {
        try {
            sweep();
        } catch (TransientDataAccessException e) {
            log.atWarn().log("hold sweep deferred to the next run: {}", e.getMessage());
        }
    }

    /** Expires and releases up to one batch of holds past their time, in one statement; returns how many. */
    int sweep() {
        return inventory.closeAndRelease(
                """
                select organizer_id, id from orders
                 where status = 'PENDING' and expires_at <= :due
                 order by expires_at
                 limit :limit
                   for update skip locked""",
                Map.of("due", Timestamps.utc(clock.instant()), "limit", settings.sweepBatch()),
                OrderStatus.EXPIRED,
                "held",
                clock.instant());
    }
}
