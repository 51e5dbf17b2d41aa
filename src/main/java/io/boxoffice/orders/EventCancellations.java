package io.boxoffice.orders;

import io.boxoffice.catalog.Event;
import io.boxoffice.catalog.EventCancelled;
import io.boxoffice.payments.Payments;
import java.time.Clock;
import java.util.Map;
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
    private final Inventory inventory;
    private final Payments payments;
    private final Clock clock;
    private final OrderMetrics metrics;

    EventCancellations(JdbcClient jdbc, Inventory inventory, Payments payments, Clock clock, OrderMetrics metrics) {
        this.jdbc = jdbc;
        this.inventory = inventory;
        this.payments = payments;
        this.clock = clock;
        this.metrics = metrics;
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
        int holds = close(event, "PENDING", OrderStatus.CANCELLED, "held");
        int refunded = close(event, "CONFIRMED", OrderStatus.REFUNDED, "sold");
        metrics.afterCommit(() -> {
            metrics.order(OrderMetrics.Outcome.CANCELLED, holds);
            metrics.order(OrderMetrics.Outcome.REFUNDED, refunded);
        });
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

    /** Closes the event's orders in {@code from} as {@code to}, gives their tickets back to {@code counter}; how many. */
    private int close(Event event, String from, OrderStatus to, String counter) {
        return inventory.closeAndRelease(
                "select organizer_id, id from orders where organizer_id = :organizerId and event_id = :eventId"
                        + " and status = :from",
                Map.of("organizerId", event.organizerId(), "eventId", event.id(), "from", from),
                to,
                counter,
                clock.instant());
    }
}
