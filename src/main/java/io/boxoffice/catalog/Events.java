package io.boxoffice.catalog;

import io.boxoffice.platform.jdbc.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The event and ticket_type tables. */
@Repository
class Events {

    private static final String SELECT = "select e.id as event_id, e.organizer_id as event_organizer_id,"
            + " e.title, e.description, e.category, e.status, e.starts_at, e.ends_at,"
            + " e.created_at as event_created_at, e.updated_at as event_updated_at, e.published_at, e.cancelled_at, "
            + " e.on_sale_at, e.waiting_room, e.admissions_per_minute, e.checkout_minutes, "
            + Venues.COLUMNS
            + " from event e join venue v on v.organizer_id = e.organizer_id and v.id = e.venue_id ";

    private final JdbcClient jdbc;

    Events(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Event event) {
        jdbc.sql("""
                        insert into event (organizer_id, id, venue_id, title, description, category, status,
                                           starts_at, ends_at, created_at, updated_at, published_at, cancelled_at,
                                           on_sale_at, waiting_room, admissions_per_minute, checkout_minutes)
                        values (:organizerId, :id, :venueId, :title, :description, :category, :status,
                                :startsAt, :endsAt, :createdAt, :updatedAt, :publishedAt, :cancelledAt,
                                :onSaleAt, :waitingRoom, :admissionsPerMinute, :checkoutMinutes)
                        """).params(params(event)).update();
        insertTicketTypes(event, event.ticketTypes(), 0);
    }

    void update(Event event) {
        jdbc.sql("""
                        update event
                           set venue_id = :venueId, title = :title, description = :description,
                               category = :category, status = :status, starts_at = :startsAt, ends_at = :endsAt,
                               updated_at = :updatedAt, published_at = :publishedAt, cancelled_at = :cancelledAt,
                               on_sale_at = :onSaleAt, waiting_room = :waitingRoom,
                               admissions_per_minute = :admissionsPerMinute, checkout_minutes = :checkoutMinutes
                         where organizer_id = :organizerId and id = :id
                        """).params(params(event)).update();
    }

    void insertTicketTypes(Event event, List<TicketType> ticketTypes, int firstPosition) {
        int position = firstPosition;
        for (TicketType type : ticketTypes) {
            jdbc.sql("""
                            insert into ticket_type (organizer_id, id, event_id, position, name, price_cents,
                                                     currency, quota, max_per_order)
                            values (:organizerId, :id, :eventId, :position, :name, :priceCents,
                                    :currency, :quota, :maxPerOrder)
                            """)
                    .param("organizerId", event.organizerId())
                    .param("id", type.id())
                    .param("eventId", event.id())
                    .param("position", position++)
                    .param("name", type.name())
                    .param("priceCents", type.priceCents())
                    .param("currency", type.currency())
                    .param("quota", type.quota())
                    .param("maxPerOrder", type.maxPerOrder())
                    .update();
        }
    }

    /** Updates a ticket type's fields; the quota CHECK refuses to go below held + sold. */
    void updateTicketType(UUID organizerId, TicketType type) {
        jdbc.sql("""
                        update ticket_type
                           set name = :name, price_cents = :priceCents, currency = :currency,
                               quota = :quota, max_per_order = :maxPerOrder
                         where organizer_id = :organizerId and id = :id
                        """)
                .param("organizerId", organizerId)
                .param("id", type.id())
                .param("name", type.name())
                .param("priceCents", type.priceCents())
                .param("currency", type.currency())
                .param("quota", type.quota())
                .param("maxPerOrder", type.maxPerOrder())
                .update();
    }

    Optional<Event> find(UUID id) {
        return jdbc.sql(SELECT + "where e.id = :id")
                .param("id", id)
                .query((rs, n) -> map(rs))
                .optional()
                .map(event -> event.withTicketTypes(ticketTypesOf(event)));
    }

    /** Locks the event row for a change, so concurrent edits of one event apply one after the other. */
    Optional<Event> findForUpdate(UUID id) {
        return jdbc.sql(SELECT + "where e.id = :id for update of e")
                .param("id", id)
                .query((rs, n) -> map(rs))
                .optional()
                .map(event -> event.withTicketTypes(ticketTypesOf(event)));
    }

    /**
     * The ids of the events held at a venue, whatever their status (an event is at its own
     * organizer's venue: naming the organizer lets the index on (organizer_id, venue_id) find them).
     */
    List<UUID> idsAt(Venue venue) {
        return jdbc.sql("select id from event where organizer_id = :organizerId and venue_id = :venueId")
                .param("organizerId", venue.organizerId())
                .param("venueId", venue.id())
                .query(UUID.class)
                .list();
    }

    /**
     * A page of the organizer's events starting at or after {@code from}, soonest first, after the
     * keyset ({@code afterStartsAt}, {@code afterId}) when given; at most {@code limit} of them.
     */
    List<Event> ownedBy(
            UUID organizerId, Instant from, @Nullable Instant afterStartsAt, @Nullable UUID afterId, int limit) {
        String after = afterStartsAt == null ? "" : " and (e.starts_at, e.id) > (:afterStartsAt, :afterId)";
        var query = jdbc.sql(SELECT + "where e.organizer_id = :organizerId and e.starts_at >= :from" + after
                        + " order by e.starts_at, e.id limit :limit")
                .param("organizerId", organizerId)
                .param("from", Timestamps.utc(from))
                .param("limit", limit);
        if (afterStartsAt != null) {
            query = query.param("afterStartsAt", Timestamps.utc(afterStartsAt)).param("afterId", afterId);
        }
        return withTicketTypes(query.query((rs, n) -> map(rs)).list());
    }

    /** Every event of the organizer, soonest first (for the organizer's data export). */
    List<Event> ownedBy(UUID organizerId) {
        return withTicketTypes(jdbc.sql(SELECT + "where e.organizer_id = :organizerId order by e.starts_at, e.id")
                .param("organizerId", organizerId)
                .query((rs, n) -> map(rs))
                .list());
    }

    /** These events with their ticket types, in one query for the whole list. */
    private List<Event> withTicketTypes(List<Event> events) {
        if (events.isEmpty()) {
            return events;
        }
        java.util.Map<UUID, List<TicketType>> types = new java.util.HashMap<>();
        jdbc.sql("""
                        select event_id, id, name, price_cents, currency, quota, max_per_order
                          from ticket_type
                         where (organizer_id, event_id) in
                               (select * from unnest(cast(:organizers as uuid[]), cast(:events as uuid[])))
                         order by event_id, position
                        """)
                .param(
                        "organizers",
                        events.stream()
                                .map(event -> event.organizerId().toString())
                                .toArray(String[]::new))
                .param(
                        "events",
                        events.stream().map(event -> event.id().toString()).toArray(String[]::new))
                .query((rs, n) -> types.computeIfAbsent(
                                rs.getObject("event_id", UUID.class), id -> new java.util.ArrayList<>())
                        .add(ticketType(rs)))
                .list();
        return events.stream()
                .map(event -> event.withTicketTypes(types.getOrDefault(event.id(), List.of())))
                .toList();
    }

    private List<TicketType> ticketTypesOf(Event event) {
        return jdbc.sql("""
                        select id, name, price_cents, currency, quota, max_per_order
                          from ticket_type
                         where organizer_id = :organizerId and event_id = :eventId
                         order by position
                        """)
                .param("organizerId", event.organizerId())
                .param("eventId", event.id())
                .query((rs, n) -> ticketType(rs))
                .list();
    }

    private static TicketType ticketType(ResultSet rs) throws SQLException {
        return new TicketType(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getLong("price_cents"),
                rs.getString("currency"),
                rs.getInt("quota"),
                rs.getInt("max_per_order"));
    }

    private static java.util.Map<String, Object> params(Event event) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("organizerId", event.organizerId());
        params.put("id", event.id());
        params.put("venueId", event.venue().id());
        params.put("title", event.title());
        params.put("description", event.description());
        params.put("category", event.category().name());
        params.put("status", event.status().name());
        params.put("startsAt", Timestamps.utc(event.startsAt()));
        params.put("endsAt", Timestamps.utc(event.endsAt()));
        params.put("createdAt", Timestamps.utc(event.createdAt()));
        params.put("updatedAt", Timestamps.utc(event.updatedAt()));
        params.put("publishedAt", Timestamps.utc(event.publishedAt()));
        params.put("cancelledAt", Timestamps.utc(event.cancelledAt()));
        OnSale onSale = event.onSale();
        params.put("onSaleAt", onSale == null ? null : Timestamps.utc(onSale.at()));
        params.put("waitingRoom", onSale != null && onSale.waitingRoom());
        params.put("admissionsPerMinute", onSale == null ? null : onSale.admissionsPerMinute());
        params.put("checkoutMinutes", onSale == null ? null : onSale.checkoutMinutes());
        return params;
    }

    private static Event map(ResultSet rs) throws SQLException {
        return new Event(
                rs.getObject("event_id", UUID.class),
                rs.getObject("event_organizer_id", UUID.class),
                rs.getString("title"),
                rs.getString("description"),
                Category.valueOf(rs.getString("category")),
                EventStatus.valueOf(rs.getString("status")),
                Timestamps.read(rs, "starts_at"),
                Timestamps.read(rs, "ends_at"),
                Venues.map(rs),
                List.of(),
                Timestamps.read(rs, "event_created_at"),
                Timestamps.read(rs, "event_updated_at"),
                Timestamps.read(rs, "published_at"),
                Timestamps.read(rs, "cancelled_at"),
                onSale(rs));
    }

    private static @Nullable OnSale onSale(ResultSet rs) throws SQLException {
        Instant at = Timestamps.read(rs, "on_sale_at");
        return at == null
                ? null
                : new OnSale(
                        at,
                        rs.getBoolean("waiting_room"),
                        rs.getInt("admissions_per_minute"),
                        rs.getInt("checkout_minutes"));
    }
}
