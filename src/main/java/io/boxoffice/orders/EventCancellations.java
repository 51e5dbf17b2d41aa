package io.boxoffice.orders;

import io.boxoffice.catalog.Event;
import io.boxoffice.catalog.EventCancelled;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When an event is cancelled, in the same transaction: every hold is released and every
 * confirmed order refunded, its money owed through a refund job that runs once the cancellation
 * commits ({@link Refunds}). The ticket types are locked first, so a reservation batch in flight
 * commits before, and its orders are cancelled too.
 */
@Component
class EventCancellations {

    private final JdbcClient jdbc;
    private final Inventory inventory;
    private final Refunds refunds;
    private final Clock clock;
    private final OrderMetrics metrics;

    EventCancellations(JdbcClient jdbc, Inventory inventory, Refunds refunds, Clock clock, OrderMetrics metrics) {
        this.jdbc = jdbc;
        this.inventory = inventory;
        this.refunds = refunds;
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
        refunds.owe(paidOrders(event), PaymentRecords.RefundReason.EVENT_CANCELLED);
        int holds = close(event, OrderTransition.CANCEL);
        int refunded = close(event, OrderTransition.REFUND);
        metrics.afterCommit(() -> {
            metrics.order(OrderMetrics.Outcome.CANCELLED, holds);
            metrics.order(OrderMetrics.Outcome.REFUNDED, refunded);
        });
    }

    /** The event's paid, confirmed orders, locked: about to be refunded. */
    private List<UUID> paidOrders(Event event) {
        return jdbc.sql("""
                        select id from orders
                         where organizer_id = :organizerId and event_id = :eventId and status = :status
                           and payment_method is not null
                         order by id
                           for update
                        """)
                .param("organizerId", event.organizerId())
                .param("eventId", event.id())
                .param("status", OrderTransition.REFUND.from().name())
                .query(UUID.class)
                .list();
    }

    /** Closes the event's orders that {@code transition} applies to, putting their tickets back; how many. */
    private int close(Event event, OrderTransition transition) {
        return inventory.closeAndRelease(
                "select organizer_id, id from orders where organizer_id = :organizerId and event_id = :eventId"
                        + " and status = :from",
                Map.of(
                        "organizerId",
                        event.organizerId(),
                        "eventId",
                        event.id(),
                        "from",
                        Objects.requireNonNull(transition.from()).name()),
                transition,
                clock.instant());
    }
}
