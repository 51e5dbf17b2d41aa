package io.boxoffice.orders;

import io.boxoffice.platform.jdbc.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The orders, order_item and ticket tables. */
@Repository
class OrderRecords {

    /** An order with the organizer of its event, whose key it is stored under. */
    record Owned(UUID organizerId, Order order) {}

    /** An order row locked for a change, with what the change needs. */
    record Locked(
            UUID organizerId,
            UUID id,
            UUID eventId,
            UUID buyerId,
            OrderStatus status,
            long totalCents,
            String currency,
            Instant expiresAt,
            @Nullable String paymentMethod,
            @Nullable String paymentRef,
            List<Order.Item> items) {}

    private static final String ORDER_COLUMNS =
            "organizer_id, id, event_id, buyer_id, status, total_cents, currency, created_at, expires_at,"
                    + " confirmed_at, payment_method, payment_ref";

    private final JdbcClient jdbc;

    OrderRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a batch of accepted holds: one statement for the orders, one for their items. */
    void insert(UUID organizerId, List<HoldRequest> holds) {
        int n = holds.size();
        String[] ids = new String[n];
        String[] buyers = new String[n];
        String[] statuses = new String[n];
        Long[] totals = new Long[n];
        String[] expires = new String[n];
        List<String> itemOrders = new ArrayList<>();
        List<String> itemTypes = new ArrayList<>();
        List<Integer> itemQuantities = new ArrayList<>();
        List<Long> itemPrices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HoldRequest hold = holds.get(i);
            ids[i] = hold.orderId().toString();
            buyers[i] = hold.buyerId().toString();
            statuses[i] = OrderTransition.placing(hold.free()).to().name();
            totals[i] = hold.totalCents();
            expires[i] = hold.expiresAt().toString();
            for (Order.Item item : hold.items()) {
                itemOrders.add(ids[i]);
                itemTypes.add(item.ticketTypeId().toString());
                itemQuantities.add(item.quantity());
                itemPrices.add(item.priceCents());
            }
        }
        HoldRequest first = holds.getFirst();
        jdbc.sql("""
                        insert into orders (organizer_id, id, event_id, buyer_id, status, total_cents, currency,
                                            created_at, expires_at, confirmed_at)
                        select :organizerId, o.id, :eventId, o.buyer, o.status, o.total, :currency,
                               :createdAt, o.expires, case when o.status = 'CONFIRMED' then :createdAt end
                          from unnest(cast(:ids as uuid[]), cast(:buyers as uuid[]), cast(:statuses as text[]),
                                      cast(:totals as bigint[]), cast(:expires as timestamptz[]))
                               as o(id, buyer, status, total, expires)
                        """)
                .param("organizerId", organizerId)
                .param("eventId", first.eventId())
                .param("currency", first.currency())
                .param("createdAt", Timestamps.utc(first.createdAt()))
                .param("ids", ids)
                .param("buyers", buyers)
                .param("statuses", statuses)
                .param("totals", totals)
                .param("expires", expires)
                .update();
        jdbc.sql("""
                        insert into order_item (organizer_id, order_id, ticket_type_id, quantity, price_cents)
                        select :organizerId, i.order_id, i.type_id, i.quantity, i.price
                          from unnest(cast(:orders as uuid[]), cast(:types as uuid[]), cast(:quantities as int[]),
                                      cast(:prices as bigint[])) as i(order_id, type_id, quantity, price)
                        """)
                .param("organizerId", organizerId)
                .param("orders", itemOrders.toArray(String[]::new))
                .param("types", itemTypes.toArray(String[]::new))
                .param("quantities", itemQuantities.toArray(Integer[]::new))
                .param("prices", itemPrices.toArray(Long[]::new))
                .update();
    }

    /** Up to {@code limit} ids of the event's refunded orders after {@code after}, in id order. */
    List<UUID> refundedIds(UUID organizerId, UUID eventId, @Nullable UUID after, int limit) {
        return jdbc.sql("""
                        select id from orders
                         where organizer_id = :organizerId and event_id = :eventId and status = 'REFUNDED'
                           and (cast(:after as uuid) is null or id > :after)
                         order by id
                         limit :limit
                        """)
                .param("organizerId", organizerId)
                .param("eventId", eventId)
                .param("after", after)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** Inserts the tickets of confirmed orders, all in one statement. */
    void insertTickets(UUID organizerId, UUID eventId, List<UUID> orderOfEachTicket, List<Order.Ticket> tickets) {
        if (tickets.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into ticket (organizer_id, id, order_id, ticket_type_id, event_id, code)
                        select :organizerId, t.id, t.order_id, t.type_id, :eventId, t.code
                          from unnest(cast(:ids as uuid[]), cast(:orders as uuid[]), cast(:types as uuid[]),
                                      cast(:codes as text[])) as t(id, order_id, type_id, code)
                        """)
                .param("organizerId", organizerId)
                .param("eventId", eventId)
                .param("ids", tickets.stream().map(t -> t.id().toString()).toArray(String[]::new))
                .param("orders", orderOfEachTicket.stream().map(UUID::toString).toArray(String[]::new))
                .param(
                        "types",
                        tickets.stream().map(t -> t.ticketTypeId().toString()).toArray(String[]::new))
                .param("codes", tickets.stream().map(Order.Ticket::code).toArray(String[]::new))
                .update();
    }

    /** How many of these orders of one organizer exist (asked of the primary). */
    int existing(UUID organizerId, List<UUID> ids) {
        return jdbc.sql("select count(*) from orders where organizer_id = :organizerId and id = any(:ids)")
                .param("organizerId", organizerId)
                .param("ids", ids.toArray(UUID[]::new))
                .query(Integer.class)
                .single();
    }

    Optional<Order> find(UUID id) {
        return findOwned(id).map(Owned::order);
    }

    /** The order with its event's organizer, for authorization. */
    Optional<Owned> findOwned(UUID id) {
        return jdbc.sql("select " + ORDER_COLUMNS + " from orders where id = :id")
                .param("id", id)
                .query((rs, n) -> map(rs))
                .optional()
                .map(this::withItemsAndTickets);
    }

    /** A buyer's orders, newest first, after the keyset position given. */
    List<Order> ofBuyer(UUID buyerId, @Nullable Instant beforeCreatedAt, @Nullable UUID beforeId, int limit) {
        String keyset = beforeId == null ? "" : " and (created_at, id) < (:createdAt, :id)";
        List<Owned> orders = jdbc.sql("select " + ORDER_COLUMNS + " from orders where buyer_id = :buyerId" + keyset
                        + " order by created_at desc, id desc limit :limit")
                .param("buyerId", buyerId)
                .param("createdAt", Timestamps.utc(beforeCreatedAt))
                .param("id", beforeId)
                .param("limit", limit)
                .query((rs, n) -> map(rs))
                .list();
        return withItemsAndTickets(orders).stream().map(Owned::order).toList();
    }

    /** Locks an order row for payment, cancellation or expiry. */
    Optional<Locked> lock(UUID id) {
        return jdbc.sql("select " + ORDER_COLUMNS + " from orders where id = :id for update")
                .param("id", id)
                .query((rs, n) -> new Locked(
                        rs.getObject("organizer_id", UUID.class),
                        rs.getObject("id", UUID.class),
                        rs.getObject("event_id", UUID.class),
                        rs.getObject("buyer_id", UUID.class),
                        OrderStatus.valueOf(rs.getString("status")),
                        rs.getLong("total_cents"),
                        rs.getString("currency"),
                        Timestamps.read(rs, "expires_at"),
                        rs.getString("payment_method"),
                        rs.getString("payment_ref"),
                        List.of()))
                .optional()
                .map(locked -> new Locked(
                        locked.organizerId(),
                        locked.id(),
                        locked.eventId(),
                        locked.buyerId(),
                        locked.status(),
                        locked.totalCents(),
                        locked.currency(),
                        locked.expiresAt(),
                        locked.paymentMethod(),
                        locked.paymentRef(),
                        items(locked.organizerId(), locked.id())));
    }

    /**
     * Keeps a hold at least until {@code until} (a payment under way): in the same row the
     * sweeper locks, so a sweep that waited for this row's lock sees the new end and passes it by.
     */
    void extendHold(UUID organizerId, UUID id, Instant until) {
        jdbc.sql(
                        "update orders set expires_at = greatest(expires_at, :until) where organizer_id = :organizerId and id = :id")
                .param("organizerId", organizerId)
                .param("id", id)
                .param("until", Timestamps.utc(until))
                .update();
    }

    void confirm(UUID organizerId, UUID id, Instant at, String paymentMethod, String paymentRef) {
        jdbc.sql("""
                        update orders set status = :status, confirmed_at = :at, payment_method = :method,
                                          payment_ref = :ref
                         where organizer_id = :organizerId and id = :id
                        """)
                .param("status", OrderTransition.PAY.to().name())
                .param("organizerId", organizerId)
                .param("id", id)
                .param("at", Timestamps.utc(at))
                .param("method", paymentMethod)
                .param("ref", paymentRef)
                .update();
    }

    /** Closes one order by {@code transition} (expire, cancel, refund); its tickets are the inventory's to move. */
    void close(UUID organizerId, UUID id, OrderTransition transition, Instant at) {
        if (!transition.closes()) {
            throw new IllegalArgumentException(transition + " does not close an order");
        }
        jdbc.sql("update orders set status = :status, closed_at = :at where organizer_id = :organizerId and id = :id")
                .param("organizerId", organizerId)
                .param("id", id)
                .param("status", transition.to().name())
                .param("at", Timestamps.utc(at))
                .update();
    }

    private Owned withItemsAndTickets(Owned row) {
        return withItemsAndTickets(List.of(row)).getFirst();
    }

    /** These orders with their items and tickets: two queries for the whole list, not two per order. */
    private List<Owned> withItemsAndTickets(List<Owned> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        String[] organizers =
                rows.stream().map(row -> row.organizerId().toString()).toArray(String[]::new);
        String[] orders = rows.stream().map(row -> row.order().id().toString()).toArray(String[]::new);
        Map<UUID, List<Order.Item>> items = new HashMap<>();
        jdbc.sql("""
                        select order_id, ticket_type_id, quantity, price_cents from order_item
                         where (organizer_id, order_id) in
                               (select * from unnest(cast(:organizers as uuid[]), cast(:orders as uuid[])))
                         order by order_id, ticket_type_id
                        """)
                .param("organizers", organizers)
                .param("orders", orders)
                .query((rs, n) -> items.computeIfAbsent(rs.getObject("order_id", UUID.class), id -> new ArrayList<>())
                        .add(new Order.Item(
                                rs.getObject("ticket_type_id", UUID.class),
                                rs.getInt("quantity"),
                                rs.getLong("price_cents"))))
                .list();
        Map<UUID, List<Order.Ticket>> tickets = new HashMap<>();
        jdbc.sql("""
                        select order_id, id, ticket_type_id, code, checked_in_at from ticket
                         where (organizer_id, order_id) in
                               (select * from unnest(cast(:organizers as uuid[]), cast(:orders as uuid[])))
                         order by order_id, ticket_type_id, id
                        """)
                .param("organizers", organizers)
                .param("orders", orders)
                .query((rs, n) -> tickets.computeIfAbsent(rs.getObject("order_id", UUID.class), id -> new ArrayList<>())
                        .add(new Order.Ticket(
                                rs.getObject("id", UUID.class),
                                rs.getObject("ticket_type_id", UUID.class),
                                rs.getString("code"),
                                Timestamps.read(rs, "checked_in_at"))))
                .list();
        return rows.stream()
                .map(row -> {
                    Order order = row.order();
                    return new Owned(
                            row.organizerId(),
                            new Order(
                                    order.id(),
                                    order.eventId(),
                                    order.buyerId(),
                                    order.status(),
                                    order.totalCents(),
                                    order.currency(),
                                    items.getOrDefault(order.id(), List.of()),
                                    tickets.getOrDefault(order.id(), List.of()),
                                    order.createdAt(),
                                    order.expiresAt(),
                                    order.confirmedAt()));
                })
                .toList();
    }

    private List<Order.Item> items(UUID organizerId, UUID orderId) {
        return jdbc.sql("""
                        select ticket_type_id, quantity, price_cents from order_item
                         where organizer_id = :organizerId and order_id = :orderId order by ticket_type_id
                        """)
                .param("organizerId", organizerId)
                .param("orderId", orderId)
                .query((rs, n) -> new Order.Item(
                        rs.getObject("ticket_type_id", UUID.class), rs.getInt("quantity"), rs.getLong("price_cents")))
                .list();
    }

    private static Owned map(ResultSet rs) throws SQLException {
        return new Owned(
                rs.getObject("organizer_id", UUID.class),
                new Order(
                        rs.getObject("id", UUID.class),
                        rs.getObject("event_id", UUID.class),
                        rs.getObject("buyer_id", UUID.class),
                        OrderStatus.valueOf(rs.getString("status")),
                        rs.getLong("total_cents"),
                        rs.getString("currency"),
                        List.of(),
                        List.of(),
                        Timestamps.read(rs, "created_at"),
                        Timestamps.read(rs, "expires_at"),
                        Timestamps.read(rs, "confirmed_at")));
    }
}
