package io.boxoffice.orders;

import io.boxoffice.platform.domain.DomainException;
import io.boxoffice.platform.jdbc.Timestamps;
import io.boxoffice.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Admits tickets at the door: each valid ticket once, for the event's organizer only. */
@Service
class Checkins {

    /** A ticket admitted at a time. */
    record Checkin(UUID ticketId, UUID eventId, Instant checkedInAt) {}

    /** A code no ticket of the caller's events has. */
    static final class UnknownCode extends DomainException {
        UnknownCode() {
            super(Kind.NOT_FOUND, "unknown-ticket", "No ticket of your events has this code.");
        }
    }

    /** The ticket was already admitted; the problem says when. */
    static final class AlreadyCheckedIn extends DomainException {
        private final Instant at;

        AlreadyCheckedIn(Instant at) {
            super(Kind.CONFLICT, "already-checked-in", "This ticket was already checked in at " + at + ".");
            this.at = at;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("checkedInAt", at.toString());
        }
    }

    /** The ticket's order was refunded or cancelled. */
    static final class VoidTicket extends DomainException {
        VoidTicket() {
            super(Kind.CONFLICT, "ticket-void", "This ticket's order was refunded; it admits nobody.");
        }
    }

    private record Found(
            UUID id,
            UUID organizerId,
            UUID orderId,
            UUID eventId,
            String orderStatus,
            @Nullable Instant checkedInAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    Checkins(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Checkin admit(Caller caller, String code) {
        Found ticket = find(code)
                .filter(found -> caller.mayChange(found.organizerId()))
                .orElseThrow(UnknownCode::new);
        if (!"CONFIRMED".equals(ticket.orderStatus())) {
            throw new VoidTicket();
        }
        if (ticket.checkedInAt() != null) {
            throw new AlreadyCheckedIn(ticket.checkedInAt());
        }
        Instant now = clock.instant();
        int admitted = jdbc.sql("""
                        update ticket set checked_in_at = :now
                         where organizer_id = :organizerId and order_id = :orderId and id = :id
                           and checked_in_at is null
                        """)
                .param("now", Timestamps.utc(now))
                .param("organizerId", ticket.organizerId())
                .param("orderId", ticket.orderId())
                .param("id", ticket.id())
                .update();
        if (admitted == 0) {
            // a concurrent scan won; report its time
            throw new AlreadyCheckedIn(find(code).map(Found::checkedInAt).orElse(now));
        }
        return new Checkin(ticket.id(), ticket.eventId(), now);
    }

    private Optional<Found> find(String code) {
        // the code's prefix bounds its order's id: one partition, one short index range
        TicketCodes.OrderIds orders = TicketCodes.orderIds(code).orElse(null);
        String range = orders == null ? "" : """
                           and t.order_id between :first and :last and o.id between :first and :last
                        """;
        var query = jdbc.sql("""
                        select t.id, t.organizer_id, t.order_id, o.event_id, o.status, t.checked_in_at
                          from ticket t join orders o on o.organizer_id = t.organizer_id and o.id = t.order_id
                         where t.code = :code
                        """ + range).param("code", code);
        if (orders != null) {
            query = query.param("first", orders.first()).param("last", orders.last());
        }
        return query.query((rs, n) -> new Found(
                        rs.getObject("id", UUID.class),
                        rs.getObject("organizer_id", UUID.class),
                        rs.getObject("order_id", UUID.class),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("status"),
                        Timestamps.read(rs, "checked_in_at")))
                .optional();
    }
}
