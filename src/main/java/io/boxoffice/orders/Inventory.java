package io.boxoffice.orders;

import io.boxoffice.platform.jdbc.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The inventory counters on {@code ticket_type}: the only writer of {@code held} and
 * {@code sold}. Every change is a conditional update the table's CHECK backs up, so no bug here
 * or anywhere can sell more than the quota.
 */
@Repository
class Inventory {

    /** A ticket type's counters and price as locked for a batch. */
    record Stock(int quota, int held, int sold, long priceCents) {

        int available() {
            return quota - held - sold;
        }
    }

    private final JdbcClient jdbc;
    private final AvailabilityCache availability;

    Inventory(JdbcClient jdbc, AvailabilityCache availability) {
        this.jdbc = jdbc;
        this.availability = availability;
    }

    /**
     * Locks the ticket types of an event that is on sale, in id order (so batches on several nodes
     * never deadlock), and returns their counters and prices; empty when the event is not on sale.
     */
    Map<UUID, Stock> lockForSale(UUID organizerId, UUID eventId, Instant now) {
        Map<UUID, Stock> stock = new LinkedHashMap<>();
        jdbc.sql("""
                        select tt.id, tt.quota, tt.held, tt.sold, tt.price_cents
                          from ticket_type tt
                          join event e on e.organizer_id = tt.organizer_id and e.id = tt.event_id
                         where tt.organizer_id = :organizerId and tt.event_id = :eventId
                           and e.status = 'PUBLISHED' and e.starts_at > :now
                         order by tt.id
                           for update of tt
                        """)
                .param("organizerId", organizerId)
                .param("eventId", eventId)
                .param("now", Timestamps.utc(now))
                .query((rs, n) -> stock.put(
                        rs.getObject("id", UUID.class),
                        new Stock(rs.getInt("quota"), rs.getInt("held"), rs.getInt("sold"), rs.getLong("price_cents"))))
                .list();
        return stock;
    }

    /**
     * Adds held and sold tickets to several ticket types in one statement, each only if it stays
     * within the quota; returns how many ticket types were updated.
     */
    int add(UUID organizerId, List<UUID> ticketTypes, List<Integer> held, List<Integer> sold) {
        List<UUID> events = jdbc.sql("""
                        update ticket_type t
                           set held = t.held + d.held, sold = t.sold + d.sold
                          from unnest(cast(:ids as uuid[]), cast(:held as int[]), cast(:sold as int[])) as d(id, held, sold)
                         where t.organizer_id = :organizerId and t.id = d.id
                           and t.held + t.sold + d.held + d.sold <= t.quota
                        returning t.event_id
                        """)
                .param("organizerId", organizerId)
                .param("ids", ticketTypes.stream().map(UUID::toString).toArray(String[]::new))
                .param("held", held.toArray(Integer[]::new))
                .param("sold", sold.toArray(Integer[]::new))
                .query(UUID.class)
                .list();
        availability.changed(new HashSet<>(events));
        return events.size();
    }

    /**
     * Moves an order's tickets between the counters as {@code transition} says: held to sold
     * ({@code PAY}), or back on sale from held or sold ({@code EXPIRE}, {@code CANCEL},
     * {@code REFUND}). New orders come in through {@link #add}, which checks the quota.
     */
    void apply(OrderTransition transition, UUID organizerId, List<Order.Item> items) {
        if (transition.from() == null) {
            throw new IllegalArgumentException(transition + " adds tickets: only add() may, within the quota");
        }
        List<String> assignments = new ArrayList<>();
        OrderTransition.Counter released = transition.released();
        OrderTransition.Counter added = transition.added();
        if (released != null) {
            assignments.add(released.column() + " = t." + released.column() + " - d.quantity");
        }
        if (added != null) {
            assignments.add(added.column() + " = t." + added.column() + " + d.quantity");
        }
        move(organizerId, items, String.join(", ", assignments));
    }

    private void move(UUID organizerId, List<Order.Item> items, String assignments) {
        List<UUID> events = jdbc.sql("update ticket_type t set " + assignments
                        + " from unnest(cast(:ids as uuid[]), cast(:quantities as int[])) as d(id, quantity)"
                        + " where t.organizer_id = :organizerId and t.id = d.id returning t.event_id")
                .param("organizerId", organizerId)
                .param(
                        "ids",
                        items.stream()
                                .map(item -> item.ticketTypeId().toString())
                                .toArray(String[]::new))
                .param("quantities", items.stream().map(Order.Item::quantity).toArray(Integer[]::new))
                .query(UUID.class)
                .list();
        availability.changed(new HashSet<>(events));
    }

    /**
     * Closes the orders {@code selection} picks (a query of their {@code organizer_id, id}, all of
     * them in the transition's starting status) by {@code transition} and puts their tickets back on
     * sale, all in one statement; returns how many orders were closed.
     */
    int closeAndRelease(String selection, Map<String, Object> params, OrderTransition transition, Instant now) {
        OrderTransition.Counter counter = transition.released();
        if (!transition.closes() || counter == null) {
            throw new IllegalArgumentException(transition + " does not close an order");
        }
        Closed closed = jdbc.sql("""
                        with selected as (%1$s),
                        closed as (
                            update orders o set status = :status, closed_at = :now
                              from selected s
                             where o.organizer_id = s.organizer_id and o.id = s.id
                            returning o.organizer_id, o.id),
                        released as (
                            select i.organizer_id, i.ticket_type_id, sum(i.quantity) as quantity
                              from order_item i
                              join closed c on c.organizer_id = i.organizer_id and c.id = i.order_id
                             group by i.organizer_id, i.ticket_type_id),
                        counters as (
                            update ticket_type t set %2$s = t.%2$s - r.quantity
                              from released r
                             where t.organizer_id = r.organizer_id and t.id = r.ticket_type_id
                            returning t.event_id)
                        select (select count(*) from closed) as closed,
                               (select coalesce(array_agg(distinct event_id), '{}') from counters)::text[] as events
                        """.formatted(selection, counter.column()))
                .params(params)
                .param("status", transition.to().name())
                .param("now", Timestamps.utc(now))
                .query((rs, n) -> {
                    Set<UUID> events = new HashSet<>();
                    for (String id : (String[]) rs.getArray("events").getArray()) {
                        events.add(UUID.fromString(id));
                    }
                    return new Closed(rs.getInt("closed"), events);
                })
                .single();
        availability.changed(closed.events());
        return closed.orders();
    }

    /** How many orders a statement closed, and the events whose ticket counts it changed. */
    private record Closed(int orders, Set<UUID> events) {}

    /** What is left to sell of each ticket type of an event. */
    Map<UUID, Integer> available(UUID organizerId, UUID eventId) {
        Map<UUID, Integer> available = new LinkedHashMap<>();
        jdbc.sql("""
                        select id, quota - held - sold as available from ticket_type
                         where organizer_id = :organizerId and event_id = :eventId
                        """)
                .param("organizerId", organizerId)
                .param("eventId", eventId)
                .query((rs, n) -> available.put(rs.getObject("id", UUID.class), rs.getInt("available")))
                .list();
        return available;
    }
}
