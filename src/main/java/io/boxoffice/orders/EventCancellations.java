package io.boxoffice.orders;

import io.boxoffice.catalog.Event;
import io.boxoffice.catalog.EventCancelled;
import io.boxoffice.payments.Payments;
import io.boxoffice.platform.jdbc.Timestamps;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When an event is cancelled, in the same transaction: every hold is released and every
 * confirmed order refunded through its payment provider. The ticket types are locked first, so
 * a reservation batch in flight commits before, and its orders are cancelled too.
 */
@Component
class EventCancellations {

    private final JdbcClient jdbc;
    private final Payments payments;
    private final Clock clock;

    EventCancellations(JdbcClient jdbc, Payments payments, Clock clock) {
        this.jdbc = jdbc;
        this.payments = payments;
        this.clock = clock;
    }

    @EventListener
    void on(EventCancelled cancelled) {
        Event event = cancelled.event();
        jdbc.sql(
                        "select id from ticket_type where organizer_id = :organizerId and event_id = :eventId order by id for update")
                .param("organizerId", event.organizerId())
                .param("eventId", event.id())
                .query(UUID.class)
                .list();
        refundConfirmed(event);
        close(event, "PENDING", "CANCELLED", "held");
        close(event, "CONFIRMED", "REFUNDED", "sold");
    }

    private void refundConfirmed(Event event) {
        jdbc.sql("""
                        select payment_method, payment_ref, total_cents, currency from orders
                         where organizer_id = :organizerId and event_id = :eventId and status = 'CONFIRMED'
                           and payment_method is not null
                         order by id
                           for update
                        """)
                .param("organizerId", event.organizerId())
                .param("eventId", event.id())
                .query((rs, n) -> {
                    payments.refund(
                            rs.getString("payment_method"),
                            rs.getString("payment_ref"),
                            rs.getLong("total_cents"),
                            rs.getString("currency"));
                    return n;
                })
                .list();
    }

    /** Closes the event's orders in {@code from} and gives their tickets back to {@code counter}. */
    private void close(Event event, String from, String to, String counter) {
        jdbc.sql("""
                        with closed as (
                            update orders set status = :to, closed_at = :now
                             where organizer_id = :organizerId and event_id = :eventId and status = :from
                            returning organizer_id, id),
                        released as (
                            select i.organizer_id, i.ticket_type_id, sum(i.quantity) as quantity
                              from order_item i
                              join closed c on c.organizer_id = i.organizer_id and c.id = i.order_id
                             group by i.organizer_id, i.ticket_type_id)
                        update ticket_type t set %1$s = t.%1$s - r.quantity
                          from released r
                         where t.organizer_id = r.organizer_id and t.id = r.ticket_type_id
                        """.formatted(counter))
                .param("organizerId", event.organizerId())
                .param("eventId", event.id())
                .param("from", from)
                .param("to", to)
                .param("now", Timestamps.utc(clock.instant()))
                .update();
    }
}
