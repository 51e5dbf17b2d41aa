package io.boxoffice.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Orders, items and tickets live in their order's month partition; the hot lookups prune to that
 * one partition; partition maintenance creates months ahead and is safe to run again; idempotency
 * keys are forgotten after their retention, and only then, and dropped with their month; orders
 * past the accounting period go with everything that hangs off them, and dead jobs and sent-email
 * records past theirs.
 */
class OrderHousekeepingTests extends ApiTest {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private OrderHousekeeping housekeeping;

    @Autowired
    private IdempotencyKeys idempotency;

    @Test
    void anOrderItsItemsAndItsTicketsLiveInTheirMonthsPartition() {
        Api.Account organizer = api.signUp("ORGANIZER");
        Api.Account buyer = api.signUp("ATTENDEE");
        String venueId = api.venueId(organizer.token(), "Partition Bay");
        JsonNode event = api.publishedEvent(
                organizer.token(), venueId, List.of(Fixtures.ticketType("Free", 0), Fixtures.ticketType("Paid", 900)));
        Api.Response placed = api.post("/api/v1/orders", buyer.token(), Fixtures.order(event, 2));
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        UUID orderId = UUID.fromString(placed.json().get("id").asString());
        String month =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy_MM"));

        assertThat(partitionOf("orders", "id", orderId)).containsExactly("orders_" + month);
        assertThat(partitionOf("order_item", "order_id", orderId)).containsExactly("order_item_" + month);
        assertThat(partitionOf("ticket", "order_id", orderId)).containsExactly("ticket_" + month, "ticket_" + month);

        // the ticket's code alone finds it, checking in through the pruned lookup
        String code = placed.json().get("tickets").get(0).get("code").asString();
        Api.Response admitted = api.post("/api/v1/checkins", organizer.token(), Map.of("code", code));
        assertThat(admitted.status()).as(admitted.text()).isEqualTo(200);
    }

    @Test
    void lookupsByOrderIdAndByTicketCodeScanOnePartition() {
        UUID someOrder = UUID.fromString("019aa000-0000-7000-8000-000000000000");
        String byId = plan("select * from orders where id = '" + someOrder + "'");
        assertThat(partitionsIn(byId, "orders_")).hasSize(1);

        String code = TicketCodes.newCode(someOrder);
        TicketCodes.OrderIds range = TicketCodes.orderIds(code).orElseThrow();
        String byCode = plan("select t.id from ticket t join orders o on o.organizer_id = t.organizer_id"
                + " and o.id = t.order_id where t.code = '" + code + "' and t.order_id between '" + range.first()
                + "' and '" + range.last() + "' and o.id between '" + range.first() + "' and '" + range.last() + "'");
        assertThat(partitionsIn(byCode, "ticket_")).hasSize(1);
        assertThat(partitionsIn(byCode, "orders_")).hasSize(1);

        String unpruned = plan("select * from orders where buyer_id = '" + someOrder + "'");
        assertThat(partitionsIn(unpruned, "orders_")).hasSizeGreaterThan(1); // the check can fail
    }

    @Test
    void maintenanceCreatesMissingMonthsAheadAndIsIdempotent() {
        LocalDate last = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .withDayOfMonth(1)
                .plusMonths(3);
        String name = "ticket_" + last.format(DateTimeFormatter.ofPattern("yyyy_MM"));
        jdbc.sql("drop table " + name).update();

        assertThat(housekeeping.createAhead()).containsExactly("ticket " + last);
        assertThat(housekeeping.createAhead()).isEmpty();
        assertThat(jdbc.sql("select to_regclass(:name)::text")
                        .param("name", name)
                        .query(String.class)
                        .single())
                .isEqualTo(name);
    }

    @Test
    void idempotencyKeysAreIgnoredAfterTheirRetentionAndDroppedWithTheirMonth() {
        UUID account = UUID.fromString(api.signUp("ATTENDEE").id());
        Instant now = clock.instant();
        LocalDate threeMonthsAgo =
                LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).minusMonths(3);
        String oldPartition = "idempotency_key_" + threeMonthsAgo.format(DateTimeFormatter.ofPattern("yyyy_MM"));
        jdbc.sql("select create_monthly_partition('idempotency_key', :month)")
                .param("month", threeMonthsAgo)
                .query(Boolean.class)
                .single();
        // a key past the 24 h retention in a month whose partition is not past it yet, whatever
        // today's date: on the first day of a month, that is last month's partition
        Instant retained = now.minus(Duration.ofHours(24));
        LocalDate retainedMonth = LocalDate.ofInstant(retained, ZoneOffset.UTC).withDayOfMonth(1);
        Instant monthStart = retainedMonth.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant pastRetention = now.minus(Duration.ofHours(25)).isAfter(monthStart)
                ? now.minus(Duration.ofHours(25))
                : monthStart.plus(Duration.between(monthStart, retained).dividedBy(2));
        jdbc.sql("select create_monthly_partition('idempotency_key', :month)")
                .param("month", retainedMonth)
                .query(Boolean.class)
                .single();
        Map<String, Instant> claimed = Map.of(
                "k1", now.minus(Duration.ofHours(1)),
                "k23", now.minus(Duration.ofHours(23)),
                "k25", pastRetention,
                "old", threeMonthsAgo.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofDays(2)),
                "ancient", now.minus(Duration.ofDays(3 * 365))); // no partition of its own: the default one
        claimed.forEach((key, at) -> jdbc.sql("""
                        insert into idempotency_key (account_id, key, fingerprint, claimed_at, status)
                        values (:account, :key, 'f', :at, 201)
                        """)
                .param("account", account)
                .param("key", key)
                .param("at", Timestamp.from(at))
                .update());
        assertThat(partitionOf("idempotency_key", "account_id", account))
                .contains(oldPartition, "idempotency_key_default");

        // past the retention, a key is forgotten at once: a request with it runs anew
        assertThat(idempotency
                        .findAll(claimed.keySet().stream()
                                .map(key -> new IdempotencyKeys.KeyOf(account, key))
                                .toList())
                        .keySet())
                .extracting(IdempotencyKeys.KeyOf::key)
                .containsExactlyInAnyOrder("k1", "k23");

        // and it is gone with its month's partition (or, in the default partition, on its own)
        assertThat(housekeeping.expireKeys()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from pg_class where relname = :name")
                        .param("name", oldPartition)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select key from idempotency_key where account_id = :account order by key")
                        .param("account", account)
                        .query(String.class)
                        .list())
                .containsExactly("k1", "k23", "k25");
    }

    @Test
    void ordersPastTheAccountingPeriodGoWithTheirItemsTicketsPaymentsAndRollUpsAndNothingElseDoes() {
        Api.Account organizer = api.signUp("ORGANIZER");
        Api.Account buyer = api.signUp("ATTENDEE");
        JsonNode event = api.publishedEvent(
                organizer.token(),
                api.venueId(organizer.token(), "Retention Row"),
                List.of(Fixtures.ticketType("Paid", 1200)));
        String kept = api.post("/api/v1/orders", buyer.token(), Fixtures.order(event, 2))
                .json()
                .get("id")
                .asString();
        Api.Response paid =
                api.post("/api/v1/orders/" + kept + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"));
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);

        // copies of the paid order eleven years back, in a month with partitions of its own, and
        // twelve years back, in the default partitions; a roll-up of that old day and of today
        Instant now = clock.instant();
        Instant eleven = now.minus(Duration.ofDays(11 * 366));
        LocalDate elevenMonth = LocalDate.ofInstant(eleven, ZoneOffset.UTC).withDayOfMonth(1);
        for (String table : List.of("orders", "order_item", "ticket", "payment_attempt", "refund", "dispute")) {
            assertThat(jdbc.sql("select create_monthly_partition(:table, :month)")
                            .param("table", table)
                            .param("month", elevenMonth)
                            .query(Boolean.class)
                            .single())
                    .isTrue();
        }
        UUID elevenYears = copyOrder(kept, eleven);
        UUID twelveYears = copyOrder(kept, now.minus(Duration.ofDays(12 * 366)));
        for (LocalDate day :
                List.of(LocalDate.ofInstant(eleven, ZoneOffset.UTC), LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            jdbc.sql("""
                            insert into event_sales_daily
                                   (organizer_id, event_id, day, orders, tickets, revenue_cents, refunds, refunded_cents, rolled_up_at)
                            select organizer_id, id, :day, 1, 2, 2400, 0, 0, now() from event where id = cast(:event as uuid)
                            on conflict do nothing
                            """)
                    .param("day", day)
                    .param("event", event.get("id").asString())
                    .update();
        }
        assertThat(rowsOf(elevenYears)).isEqualTo(rowsOf(UUID.fromString(kept))).isEqualTo(5);
        assertThat(rowsOf(twelveYears)).isEqualTo(5);

        assertThat(housekeeping.expireOrders()).isGreaterThanOrEqualTo(6 + 5 + 1);

        assertThat(rowsOf(elevenYears)).isZero();
        assertThat(rowsOf(twelveYears)).isZero();
        assertThat(rowsOf(UUID.fromString(kept))).isEqualTo(5);
        assertThat(jdbc.sql("select to_regclass(:name)::text")
                        .param("name", "orders_" + elevenMonth.format(DateTimeFormatter.ofPattern("yyyy_MM")))
                        .query(String.class)
                        .optional())
                .isEmpty();
        assertThat(jdbc.sql("select day from event_sales_daily where event_id = cast(:event as uuid)")
                        .param("event", event.get("id").asString())
                        .query(LocalDate.class)
                        .list())
                .containsExactly(LocalDate.ofInstant(now, ZoneOffset.UTC));
        // the tickets sold now are still counted: nothing was released
        assertThat(api.get("/api/v1/events/" + event.get("id").asString() + "/stats", organizer.token())
                        .json()
                        .get("sold")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void deadJobsAndSentEmailRecordsGoAfterTheirRetention(
            @Autowired org.springframework.context.ApplicationContext context) {
        UUID recent = UUID.randomUUID();
        UUID old = UUID.randomUUID();
        for (UUID id : List.of(recent, old)) {
            Instant at = id.equals(old) ? clock.instant().minus(Duration.ofDays(91)) : clock.instant();
            jdbc.sql("""
                            insert into dead_job (id, task_name, task_instance, priority, attempts, last_error, died_at)
                            values (:id, 'retention-test', :id, 0, 1, 'boom', :at)
                            """).param("id", id).param("at", Timestamp.from(at)).update();
            jdbc.sql(
                            "insert into sent_email (kind, subject_id, message_id, sent_at) values ('retention-test', :id, 'm', :at)")
                    .param("id", id)
                    .param("at", Timestamp.from(id.equals(old) ? clock.instant().minus(Duration.ofDays(401)) : at))
                    .update();
        }
        context.getBean("deadJobExpiryJob", io.boxoffice.jobs.RecurringJob.class)
                .work()
                .run();
        context.getBean("sentEmailExpiryJob", io.boxoffice.jobs.RecurringJob.class)
                .work()
                .run();
        assertThat(jdbc.sql("select id from dead_job where task_name = 'retention-test'")
                        .query(UUID.class)
                        .list())
                .containsExactly(recent);
        assertThat(jdbc.sql("select subject_id from sent_email where kind = 'retention-test'")
                        .query(UUID.class)
                        .list())
                .containsExactly(recent);
    }

    /** A copy of an order, its items, tickets and payment attempts under a new id of the instant {@code at}. */
    private UUID copyOrder(String order, Instant at) {
        long millis = at.toEpochMilli();
        UUID copy = new UUID(
                (millis << 16) | 0x7000 | (millis & 0xfff), UUID.randomUUID().getLeastSignificantBits());
        jdbc.sql("""
                        insert into orders select (jsonb_populate_record(null::orders,
                               to_jsonb(o) || jsonb_build_object('id', cast(:copy as text)))).*
                          from orders o where id = cast(:order as uuid)
                        """).param("copy", copy.toString()).param("order", order).update();
        for (String table : List.of("order_item", "ticket", "payment_attempt")) {
            jdbc.sql("insert into " + table + " select (jsonb_populate_record(null::" + table + ", to_jsonb(r)"
                            + " || jsonb_build_object('order_id', cast(:copy as text))"
                            + (table.equals("ticket")
                                    ? " || jsonb_build_object('id', gen_random_uuid(), 'code', r.code || 'c')"
                                    : "")
                            + ")).* from " + table + " r where order_id = cast(:order as uuid)")
                    .param("copy", copy.toString())
                    .param("order", order)
                    .update();
        }
        return copy;
    }

    /** The order's rows: itself, its items, its tickets and its payment attempts. */
    private int rowsOf(UUID order) {
        return jdbc.sql("""
                        select (select count(*) from orders where id = :id) + (select count(*) from order_item where order_id = :id)
                             + (select count(*) from ticket where order_id = :id) + (select count(*) from payment_attempt where order_id = :id)
                        """).param("id", order).query(Integer.class).single();
    }

    private List<String> partitionOf(String table, String column, UUID orderId) {
        return jdbc.sql("select tableoid::regclass::text from " + table + " where " + column + " = :id")
                .param("id", orderId)
                .query(String.class)
                .list();
    }

    private String plan(String query) {
        return String.join(
                "\n", jdbc.sql("explain " + query).query(String.class).list());
    }

    private static List<String> partitionsIn(String plan, String prefix) {
        return java.util.regex.Pattern.compile("\\b(" + prefix + "(\\d{4}_\\d{2}|default))\\b")
                .matcher(plan)
                .results()
                .map(match -> match.group(1))
                .distinct()
                .toList();
    }
}
