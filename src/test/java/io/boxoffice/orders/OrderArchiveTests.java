package io.boxoffice.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order archive on a real PostgreSQL: a month whose events are long over leaves the hot tables
 * for files that say what they hold; a month with one order for a recent event stays; the buyer's
 * GDPR export still finds the archived order; {@code bin/archive restore} brings the month back,
 * whole or one organizer's part, and the next run drops it again without writing the archive twice;
 * a month past the accounting period leaves the archive too.
 */
@TestPropertySource(properties = "boxoffice.archive.directory=target/order-archive-tests")
class OrderArchiveTests extends ApiTest {

    private static final Path DIRECTORY = Path.of("target/order-archive-tests");

    @Autowired
    private OrderArchive archive;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private JsonMapper json;

    @Test
    void archivesMonthsOfEventsLongOverAndRestoresThem() throws Exception {
        FileSystemUtils.deleteRecursively(DIRECTORY);
        Api.Account organizer = api.signUp("ORGANIZER");
        Api.Account buyer = api.signUp("ATTENDEE");
        String venue = api.venueId(organizer.token(), "Archive Hall");
        JsonNode old =
                api.publishedEvent(organizer.token(), venue, List.of(Fixtures.ticketType("Standard", 2500, 100)));
        JsonNode recent =
                api.publishedEvent(organizer.token(), venue, List.of(Fixtures.ticketType("Standard", 2500, 100)));
        Instant now = clock.instant();
        // the old event took place two years ago; its orders were made in the month before
        Instant oldStart = now.minus(Duration.ofDays(730));
        jdbc.sql("update event set starts_at = :starts, ends_at = :ends where id = cast(:id as uuid)")
                .param("starts", java.sql.Timestamp.from(oldStart))
                .param("ends", java.sql.Timestamp.from(oldStart.plus(Duration.ofHours(3))))
                .param("id", old.get("id").asString())
                .update();
        YearMonth due = YearMonth.from(oldStart.minus(Duration.ofDays(31)).atZone(ZoneOffset.UTC));
        YearMonth waiting = due.plusMonths(1);
        UUID archived = order(organizer, buyer, old, due, 2);
        order(organizer, buyer, old, waiting, 1);
        order(organizer, buyer, recent, waiting, 1); // an order made long ago for an event still to come
        long before = count("orders");

        List<YearMonth> done = archive.archiveDue();

        assertThat(done).contains(due).doesNotContain(waiting);
        for (String table : List.of("orders", "order_item", "ticket", "payment_attempt")) {
            assertThat(exists(table, due)).as(table).isFalse();
        }
        assertThat(exists("orders", waiting)).isTrue();
        assertThat(count("orders")).isEqualTo(before - 1);
        Path month = DIRECTORY.resolve(due.toString());
        JsonNode manifest = json.readTree(Files.readString(month.resolve("manifest.json")));
        assertThat(manifest.get("format").asString()).isEqualTo(OrderArchive.FORMAT);
        assertThat(rows(manifest, "orders")).isEqualTo(1);
        assertThat(rows(manifest, "order_item")).isEqualTo(1);
        assertThat(rows(manifest, "ticket")).isEqualTo(2);
        assertThat(rows(manifest, "payment_attempt")).isEqualTo(1);
        for (JsonNode table : manifest.get("tables")) {
            Path file = month.resolve(table.get("file").asString());
            assertThat(sha256(file)).isEqualTo(table.get("sha256").asString());
            assertThat(csvLines(file)).hasSize(1 + table.get("rows").asInt()); // the header, then the rows
            assertThat(table.get("columns").get(0).get("name").asString()).isEqualTo("organizer_id");
        }
        assertThat(csvLines(month.resolve("orders.csv.gz")).get(1)).contains(archived.toString());

        // the buyer's export still reaches the archived order, its items and its tickets
        JsonNode export = api.get("/api/v1/me/export", buyer.token()).json();
        JsonNode found = export.get("archivedOrders");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("id").asString()).isEqualTo(archived.toString());
        assertThat(found.get(0).get("archivedIn").asString()).isEqualTo(due.toString());
        assertThat(found.get(0).get("tickets")).hasSize(2);
        assertThat(found.get(0).get("items").get(0).get("quantity").asString()).isEqualTo("2");

        // one organizer's part: another organizer's restore brings nothing back
        assertThat(restore(due, UUID.randomUUID().toString())).isZero();
        assertThat(count("orders", due)).isZero();
        assertThat(restore(due, organizer.id())).isZero();
        assertThat(count("orders", due)).isEqualTo(1);
        assertThat(count("ticket", due)).isEqualTo(2);

        // the next run drops the restored month again, and writes nothing over its archive
        String manifestBefore = Files.readString(month.resolve("manifest.json"));
        assertThat(archive.archiveDue()).contains(due);
        assertThat(exists("orders", due)).isFalse();
        assertThat(Files.readString(month.resolve("manifest.json"))).isEqualTo(manifestBefore);

        // the whole month back, every row checked against the manifest
        assertThat(restore(due, null)).isZero();
        assertThat(count("orders", due)).isEqualTo(1);
        assertThat(count("payment_attempt", due)).isEqualTo(1);
        assertThat(api.get("/api/v1/orders/" + archived, buyer.token()).status())
                .isEqualTo(200);
    }

    /** An order of {@code quantity} tickets, paid, made in {@code month}, straight into its partitions. */
    private UUID order(Api.Account organizer, Api.Account buyer, JsonNode event, YearMonth month, int quantity) {
        for (String table : List.of("orders", "order_item", "ticket", "payment_attempt", "refund", "dispute")) {
            jdbc.sql("select create_monthly_partition(:table, :month)")
                    .param("table", table)
                    .param("month", month.atDay(1))
                    .query(Boolean.class)
                    .single();
        }
        Instant at = month.atDay(10).atStartOfDay(ZoneOffset.UTC).toInstant();
        UUID id = jdbc.sql("select (lpad(to_hex(:ms), 12, '0') || '7' || substr(md5(random()::text), 1, 19))::uuid")
                .param("ms", at.toEpochMilli())
                .query(UUID.class)
                .single();
        String type = event.get("ticketTypes").get(0).get("id").asString();
        jdbc.sql("""
                        insert into orders (organizer_id, id, event_id, buyer_id, status, total_cents, currency,
                                            created_at, expires_at, confirmed_at, payment_method)
                        values (cast(:organizer as uuid), :id, cast(:event as uuid), cast(:buyer as uuid), 'CONFIRMED',
                                :total, 'EUR', :at, :at, :at, 'test_ok')
                        """)
                .param("organizer", organizer.id())
                .param("id", id)
                .param("event", event.get("id").asString())
                .param("buyer", buyer.id())
                .param("total", 2500L * quantity)
                .param("at", java.sql.Timestamp.from(at))
                .update();
        jdbc.sql("""
                        insert into order_item (organizer_id, order_id, ticket_type_id, quantity, price_cents)
                        values (cast(:organizer as uuid), :id, cast(:type as uuid), :quantity, 2500)
                        """)
                .param("organizer", organizer.id())
                .param("id", id)
                .param("type", type)
                .param("quantity", quantity)
                .update();
        for (int i = 0; i < quantity; i++) {
            jdbc.sql("""
                            insert into ticket (organizer_id, id, order_id, ticket_type_id, event_id, code, checked_in_at)
                            values (cast(:organizer as uuid), gen_random_uuid(), :id, cast(:type as uuid),
                                    cast(:event as uuid), :code, :checkedIn)
                            """)
                    .param("organizer", organizer.id())
                    .param("id", id)
                    .param("type", type)
                    .param("event", event.get("id").asString())
                    .param("code", TicketCodes.newCode(id))
                    .param("checkedIn", i == 0 ? java.sql.Timestamp.from(at) : null, java.sql.Types.TIMESTAMP)
                    .update();
        }
        jdbc.sql("""
                        insert into payment_attempt (organizer_id, order_id, attempt, provider, payment_method,
                                                     amount_cents, currency, status, started_at, resolved_at)
                        values (cast(:organizer as uuid), :id, 1, 'test', 'test_ok', :total, 'EUR', 'SUCCEEDED', :at, :at)
                        """)
                .param("organizer", organizer.id())
                .param("id", id)
                .param("total", 2500L * quantity)
                .param("at", java.sql.Timestamp.from(at))
                .update();
        return id;
    }

    private boolean exists(String table, YearMonth month) {
        return jdbc.sql("select to_regclass(:name) is not null")
                .param("name", "%s_%04d_%02d".formatted(table, month.getYear(), month.getMonthValue()))
                .query(Boolean.class)
                .single();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private long count(String table, YearMonth month) {
        return exists(table, month)
                ? count("%s_%04d_%02d".formatted(table, month.getYear(), month.getMonthValue()))
                : 0;
    }

    private static int rows(JsonNode manifest, String table) {
        for (JsonNode described : manifest.get("tables")) {
            if (described.get("table").asString().equals(table)) {
                return described.get("rows").asInt();
            }
        }
        return -1;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<String> csvLines(Path file) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Runs {@code bin/archive restore} on this test's database; its exit code. */
    private int restore(YearMonth month, String organizer) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "bash",
                "bin/archive",
                "restore",
                "--month",
                month.toString(),
                "--dir",
                DIRECTORY.toString(),
                "--url",
                psqlUrl()));
        if (organizer != null) {
            command.addAll(List.of("--organizer", organizer));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        assertThat(exit).as(output).isZero();
        return exit;
    }
}
