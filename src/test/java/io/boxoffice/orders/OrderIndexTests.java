package io.boxoffice.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The foreign keys to {@code orders} (order items, tickets, payment attempts, refunds, disputes)
 * check every new row with {@code organizer_id = $1 and id = $2}. For an organizer whose orders grew
 * since the table was last analyzed, the planner estimates its rows at about one; an index leading
 * with {@code organizer_id} alone then looks as cheap as the primary key, and is smaller, and
 * reading it means reading every order of the organizer for every row checked. The test builds
 * exactly that (one organizer's orders analyzed, another's added after) in a transaction it rolls
 * back, and requires the check to find its order without discarding any other.
 */
class OrderIndexTests extends ApiTest {

    private static final Pattern REMOVED = Pattern.compile("Rows Removed by Filter: (\\d+)");

    @Autowired
    private HikariDataSource primaryPool;

    @Autowired
    private IdempotencyKeys keys;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void theForeignKeysCheckFindsAnOrderByItsKeyForAnOrganizerTheStatisticsDoNotKnowYet() throws SQLException {
        Event known = event();
        Event grown = event();
        String buyer = api.signUp("ATTENDEE").id();
        try (Connection connection = primaryPool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                insertOrders(connection, known, buyer, 40_000);
                connection.createStatement().execute("analyze orders");
                insertOrders(connection, grown, buyer, 20_000);

                UUID order;
                try (PreparedStatement any = connection.prepareStatement(
                        "select id from orders where organizer_id = ?::uuid and event_id = ?::uuid limit 1")) {
                    any.setString(1, grown.organizerId());
                    any.setString(2, grown.id());
                    try (ResultSet rs = any.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        order = rs.getObject(1, UUID.class);
                    }
                }
                // the statement the foreign keys' triggers run for each new row
                String plan = plan(
                        connection,
                        "explain (analyze, timing off, costs off) select 1 from orders x"
                                + " where organizer_id = ?::uuid and id = ?::uuid for key share of x",
                        grown.organizerId(),
                        order.toString());
                assertThat(plan).contains("rows=1 loops=1");
                Matcher removed = REMOVED.matcher(plan);
                while (removed.find()) {
                    assertThat(Long.parseLong(removed.group(1)))
                            .as("orders read and thrown away to find one by its key:%n%s", plan)
                            .isZero();
                }
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void theBatchsKeyLookupIsPlannedAtEveryExecutionNotKeptAsAPreparedStatement() {
        // kept prepared, its generic plan would be the one made while the month's key partition
        // was nearly empty: a sequential scan of the whole partition per batch until an ANALYZE
        UUID account = UUID.fromString(api.signUp("ATTENDEE").id());
        Long kept = transactions.execute(status -> {
            for (int i = 0; i < 10; i++) { // the driver prepares a statement on the server at its fifth run
                assertThat(keys.findAll(List.of(new IdempotencyKeys.KeyOf(account, "lookup-" + i))))
                        .isEmpty();
            }
            return jdbc.sql("select count(*) from pg_prepared_statements where statement like ?")
                    .param("%from idempotency_key i%join unnest(%")
                    .query(Long.class)
                    .single();
        });
        assertThat(kept).isZero();
    }

    private record Event(String organizerId, String id) {}

    private Event event() {
        Api.Account organizer = api.signUp("ORGANIZER");
        String venue = api.venueId(organizer.token(), "Indexburg-" + UUID.randomUUID());
        String event = api.publishedEvent(organizer.token(), venue, List.of(Fixtures.ticketType("Standard", 1500)))
                .get("id")
                .asString();
        return new Event(organizer.id(), event);
    }

    /** {@code count} held orders of the event, with ids ordered by time as the application makes them. */
    private static void insertOrders(Connection connection, Event event, String buyer, int count) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into orders (organizer_id, id, event_id, buyer_id, status, total_cents, currency,
                                    created_at, expires_at)
                select ?::uuid,
                       (lpad(to_hex((extract(epoch from clock_timestamp()) * 1000)::bigint), 12, '0') || '7'
                           || substr(md5(random()::text || n), 1, 19))::uuid,
                       ?::uuid, ?::uuid, 'PENDING', 1500, 'EUR', now(), now() + interval '10 minutes'
                  from generate_series(1, ?) n
                """)) {
            insert.setString(1, event.organizerId());
            insert.setString(2, event.id());
            insert.setString(3, buyer);
            insert.setInt(4, count);
            assertThat(insert.executeUpdate()).isEqualTo(count);
        }
    }

    private static String plan(Connection connection, String sql, String... parameters) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement explain = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
        }
        return String.join("\n", lines);
    }
}
