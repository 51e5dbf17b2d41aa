package io.boxoffice.orders;

import io.boxoffice.catalog.Catalog;
import io.boxoffice.catalog.Event;
import io.boxoffice.platform.security.Caller;
import io.boxoffice.platform.security.Forbidden;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An event's sales figures, for its organizer: live counters, and the daily roll-up. */
@Service
class EventStats {

    /** The figures of one event. */
    record Stats(
            long sold,
            long held,
            long checkedIn,
            long disputed,
            long revenueCents,
            String currency,
            List<TypeStats> ticketTypes,
            List<SalesRollup.Day> daily) {}

    /** The counters of one ticket type. */
    record TypeStats(UUID id, int sold, int held, int quota) {}

    private final Catalog catalog;
    private final JdbcClient jdbc;
    private final SalesRollup rollup;

    EventStats(Catalog catalog, JdbcClient jdbc, SalesRollup rollup) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.rollup = rollup;
    }

    @Transactional(readOnly = true)
    Stats of(Caller caller, UUID eventId) {
        Event event = catalog.find(eventId)
                .filter(found -> found.visibleToAll() || caller.mayChange(found.organizerId()))
                .orElseThrow(OrderProblems.EventUnknown::new);
        if (!caller.mayChange(event.organizerId())) {
            throw new Forbidden("Only the event's organizer sees its sales.");
        }
        List<TypeStats> types = jdbc.sql("""
                        select id, sold, held, quota from ticket_type
                         where organizer_id = :organizerId and event_id = :eventId order by position
                        """)
                .param("organizerId", event.organizerId())
                .param("eventId", eventId)
                .query((rs, n) -> new TypeStats(
                        rs.getObject("id", UUID.class), rs.getInt("sold"), rs.getInt("held"), rs.getInt("quota")))
                .list();
        long revenue = jdbc.sql("""
                        select coalesce(sum(total_cents), 0) from orders
                         where organizer_id = :organizerId and event_id = :eventId and status = 'CONFIRMED'
                        """)
                .param("organizerId", event.organizerId())
                .param("eventId", eventId)
                .query(Long.class)
                .single();
        long checkedIn = jdbc.sql("""
                        select count(*) from ticket
                         where organizer_id = :organizerId and event_id = :eventId and checked_in_at is not null
                        """)
                .param("organizerId", event.organizerId())
                .param("eventId", eventId)
                .query(Long.class)
                .single();
        // orders whose buyer disputed the charge with their bank: the organizer's to answer
        long disputed = jdbc.sql("""
                        select count(*) from orders
                         where organizer_id = :organizerId and event_id = :eventId and disputed_at is not null
                        """)
                .param("organizerId", event.organizerId())
                .param("eventId", eventId)
                .query(Long.class)
                .single();
        return new Stats(
                types.stream().mapToLong(TypeStats::sold).sum(),
                types.stream().mapToLong(TypeStats::held).sum(),
                checkedIn,
                disputed,
                revenue,
                event.ticketTypes().isEmpty()
                        ? ""
                        : event.ticketTypes().getFirst().currency(),
                types,
                rollup.days(event.organizerId(), eventId));
    }
}
