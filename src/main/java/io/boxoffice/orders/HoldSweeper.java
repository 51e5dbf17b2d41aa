package io.boxoffice.orders;

import io.boxoffice.platform.jdbc.Timestamps;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final OrderSettings settings;
    private final Clock clock;

    HoldSweeper(JdbcClient jdbc, OrderSettings settings, Clock clock) {
        this.jdbc = jdbc;
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
        return jdbc.sql("""
                        with expired as (
                            select organizer_id, id from orders
                             where status = 'PENDING' and expires_at <= :now
                             order by expires_at
                             limit :limit
                               for update skip locked),
                        closed as (
                            update orders o set status = 'EXPIRED', closed_at = :now
                              from expired e
                             where o.organizer_id = e.organizer_id and o.id = e.id
                            returning o.organizer_id, o.id),
                        released as (
                            select i.organizer_id, i.ticket_type_id, sum(i.quantity) as quantity
                              from order_item i
                              join closed c on c.organizer_id = i.organizer_id and c.id = i.order_id
                             group by i.organizer_id, i.ticket_type_id),
                        counters as (
                            update ticket_type t set held = t.held - r.quantity
                              from released r
                             where t.organizer_id = r.organizer_id and t.id = r.ticket_type_id)
                        select count(*) from closed
                        """)
                .param("now", Timestamps.utc(clock.instant()))
                .param("limit", settings.sweepBatch())
                .query(Integer.class)
                .single();
    }
}
