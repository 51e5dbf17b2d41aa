package io.boxoffice.orders;

import io.boxoffice.jobs.JobPriority;
import io.boxoffice.jobs.RecurringJob;
import io.boxoffice.platform.jdbc.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rolls each event's sales up per UTC day into {@code event_sales_daily}, as the low-priority
 * recurring job {@code sales-rollup}: every run recomputes yesterday and today from the orders
 * (yesterday too, so the last minutes before midnight are never missed), replacing those days'
 * rows in one transaction. Older days do not change.
 */
@Component
class SalesRollup {

    /** One event's figures for one day. */
    record Day(LocalDate day, int orders, int tickets, long revenueCents, int refunds, long refundedCents) {}

    /**
     * Each event's sales and refunds per UTC day within [:start, :end); the two {@code %s} narrow
     * the orders and the refunds (to one event, say) or are empty.
     */
    private static final String DAYS = """
            with sales as (
                select o.organizer_id, o.event_id, (o.confirmed_at at time zone 'UTC')::date as day,
                       count(*) as orders, sum(o.total_cents) as revenue_cents,
                       sum((select coalesce(sum(i.quantity), 0) from order_item i
                             where i.organizer_id = o.organizer_id and i.order_id = o.id)) as tickets
                  from orders o
                 where o.confirmed_at >= :start and o.confirmed_at < :end %s
                 group by 1, 2, 3),
            refunds as (
                select organizer_id, event_id, (closed_at at time zone 'UTC')::date as day,
                       count(*) as refunds, sum(total_cents) as refunded_cents
                  from orders
                 where status = 'REFUNDED' and closed_at >= :start and closed_at < :end %s
                 group by 1, 2, 3)
            select organizer_id, event_id, day,
                   coalesce(s.orders, 0) as orders, coalesce(s.tickets, 0) as tickets,
                   coalesce(s.revenue_cents, 0) as revenue_cents,
                   coalesce(r.refunds, 0) as refunds, coalesce(r.refunded_cents, 0) as refunded_cents
              from sales s full join refunds r using (organizer_id, event_id, day)
            """;

    private final JdbcClient jdbc;
    private final OrderSettings settings;
    private final Clock clock;

    SalesRollup(JdbcClient jdbc, OrderSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** The recurring job. */
    RecurringJob job() {
        return new RecurringJob("sales-rollup", JobPriority.LOW, settings.rollupInterval(), this::rollUpRecent);
    }

    void rollUpRecent() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        rollUp(today.minusDays(1), today.plusDays(1));
    }

    /** Recomputes the days from {@code from} (inclusive) to {@code to} (exclusive); returns the rows written. */
    @Transactional
    int rollUp(LocalDate from, LocalDate to) {
        var start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        var end = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        jdbc.sql("delete from event_sales_daily where day >= :from and day < :to")
                .param("from", from)
                .param("to", to)
                .update();
        return jdbc.sql("""
                        insert into event_sales_daily (organizer_id, event_id, day, orders, tickets, revenue_cents,
                                                       refunds, refunded_cents, rolled_up_at)
                        select organizer_id, event_id, day, orders, tickets, revenue_cents, refunds, refunded_cents, :now
                          from (""" + DAYS.formatted("", "") + ") days")
                .param("start", Timestamps.utc(start))
                .param("end", Timestamps.utc(end))
                .param("now", Timestamps.utc(clock.instant()))
                .update();
    }

    /**
     * An event's days, oldest first: the rolled-up days before yesterday, and yesterday and today
     * counted from the orders now, so that a dashboard shows a sale the moment it is paid.
     */
    List<Day> days(UUID organizerId, UUID eventId) {
        LocalDate yesterday =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        List<Day> days = new ArrayList<>(rolledUp(organizerId, eventId, yesterday));
        days.addAll(jdbc.sql(DAYS.formatted(
                                " and o.organizer_id = :organizerId and o.event_id = :eventId",
                                " and organizer_id = :organizerId and event_id = :eventId")
                        + " order by day")
                .param(
                        "start",
                        Timestamps.utc(yesterday.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param(
                        "end",
                        Timestamps.utc(yesterday
                                .plusDays(2)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()))
                .param("organizerId", organizerId)
                .param("eventId", eventId)
                .query((rs, n) -> day(rs))
                .list());
        return days;
    }

    /** An event's rolled-up days before {@code until}, oldest first. */
    private List<Day> rolledUp(UUID organizerId, UUID eventId, LocalDate until) {
        return jdbc.sql("""
                        select day, orders, tickets, revenue_cents, refunds, refunded_cents from event_sales_daily
                         where organizer_id = :organizerId and event_id = :eventId and day < :until
                         order by day
                        """)
                .param("organizerId", organizerId)
                .param("eventId", eventId)
                .param("until", until)
                .query((rs, n) -> day(rs))
                .list();
    }

    private static Day day(ResultSet rs) throws SQLException {
        return new Day(
                rs.getObject("day", LocalDate.class),
                rs.getInt("orders"),
                rs.getInt("tickets"),
                rs.getLong("revenue_cents"),
                rs.getInt("refunds"),
                rs.getLong("refunded_cents"));
    }
}
