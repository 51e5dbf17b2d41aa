package io.boxoffice.orders;

import io.boxoffice.jobs.JobPriority;
import io.boxoffice.jobs.RecurringJob;
import io.boxoffice.platform.jdbc.Timestamps;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cold storage for orders whose events are long over. A month of orders goes when the month ended
 * {@code boxoffice.archive.after} ago (13 months by default) and so did every event any of its
 * orders is for: its partitions of orders, order items, tickets (with their check-ins), payment
 * attempts, refunds and disputes are exported, from one snapshot, to gzip-compressed CSV files
 * with a header, beside a {@code manifest.json} that describes them (format, each table's columns
 * and PostgreSQL types, row count and SHA-256), under {@code <directory>/<yyyy-MM>/}; the files are
 * written to a staging directory and moved into place whole. Only then are the partitions
 * detached and dropped, children first, in one transaction. A crash in between leaves the month
 * in both places, and the next run drops it. {@code bin/archive restore} brings a month, or one
 * organizer's part of it, back (docs/archive.md).
 *
 * <p>A month restored from its archive is dropped again by the next run without being exported
 * twice: its manifest is there, and no order can be made in a past month (order ids are UUIDv7 of
 * their creation), so every row in it came from the archive.
 */
@Component
class OrderArchive {

    static final String FORMAT = "boxoffice-orders-archive/1";
    private static final Logger log = LoggerFactory.getLogger(OrderArchive.class);
    /** An order's tables, each before the tables that reference it. */
    private static final List<String> PARENTS_FIRST =
            List.of("orders", "order_item", "ticket", "payment_attempt", "refund", "dispute");

    private static final Pattern ORDERS_PARTITION = Pattern.compile("orders_(\\d{4})_(\\d{2})");

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ArchiveSettings settings;
    private final OrderSettings orderSettings;
    private final JsonMapper json;
    private final Clock clock;

    OrderArchive(
            JdbcClient jdbc,
            DataSource dataSource,
            ArchiveSettings settings,
            OrderSettings orderSettings,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.settings = settings;
        this.orderSettings = orderSettings;
        this.json = json;
        this.clock = clock;
    }

    /** The recurring job that archives the months that are due. */
    RecurringJob job() {
        return new RecurringJob("order-archive", JobPriority.LOW, settings.interval(), () -> {
            if (settings.enabled()) {
                List<YearMonth> archived = archiveDue();
                if (!archived.isEmpty()) {
                    log.info("Order archive: archived {} to {}", archived, settings.directory());
                }
                List<YearMonth> expired = expire();
                if (!expired.isEmpty()) {
                    log.info("Order archive: deleted {}, past the accounting period", expired);
                }
            }
        });
    }

    /** The instant before which a month, and the events of its orders, must have ended to be archived. */
    Instant cutoff() {
        return clock.instant().atZone(ZoneOffset.UTC).minus(settings.after()).toInstant();
    }

    /** Archives every month that is due, oldest first; returns the months archived. */
    List<YearMonth> archiveDue() {
        Instant cutoff = cutoff();
        List<YearMonth> archived = new ArrayList<>();
        for (YearMonth month : months()) {
            if (!end(month).isAfter(cutoff) && archive(month, cutoff)) {
                archived.add(month);
            }
        }
        return archived;
    }

    /** The months that have an orders partition, oldest first. */
    private List<YearMonth> months() {
        return OrderHousekeeping.partitions(jdbc, "orders").stream()
                .map(ORDERS_PARTITION::matcher)
                .filter(Matcher::matches)
                .map(m -> YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                .sorted()
                .toList();
    }

    /** The instant the month ends, in UTC (the months of the partitions are UTC months). */
    private static Instant end(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String suffix(YearMonth month) {
        return "_%04d_%02d".formatted(month.getYear(), month.getMonthValue());
    }

    private Path directoryOf(YearMonth month) {
        return settings.directory().resolve(month.toString());
    }

    /**
     * Archives one month unless an order of it is for an event that ended after {@code cutoff};
     * whether it went.
     */
    boolean archive(YearMonth month, Instant cutoff) {
        String orders = "orders" + suffix(month);
        long live = jdbc.sql("select count(*) from " + orders + " o join event e on e.id = o.event_id"
                        + " where e.ends_at > :cutoff")
                .param("cutoff", Timestamps.utc(cutoff))
                .query(Long.class)
                .single();
        if (live > 0) {
            log.info(
                    "Order archive: {} waits: {} of its orders are for events that ended since {}",
                    month,
                    live,
                    cutoff);
            return false;
        }
        Path target = directoryOf(month);
        try {
            if (Files.exists(target.resolve("manifest.json"))) {
                long kept = manifest(month).get("tables").get(0).get("rows").asLong();
                long here = jdbc.sql("select count(*) from " + orders)
                        .query(Long.class)
                        .single();
                if (here > kept) {
                    log.warn("Order archive: {} holds {} orders, its archive {}: left in place", month, here, kept);
                    return false;
                }
            } else {
                export(month, target);
            }
            drop(month);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not archive " + month, e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not archive " + month, e);
        }
    }

    /** Writes the month's tables and their manifest to a staging directory, then moves it into place. */
    private void export(YearMonth month, Path target) throws IOException, SQLException {
        Files.createDirectories(settings.directory());
        Path staging = Files.createTempDirectory(settings.directory(), "." + month + "-");
        List<Map<String, Object>> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                for (String table : PARENTS_FIRST) {
                    String partition = table + suffix(month);
                    if (!exists(connection, partition)) {
                        continue;
                    }
                    Path file = staging.resolve(table + ".csv.gz");
                    long rows;
                    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
                        rows = connection
                                .unwrap(PGConnection.class)
                                .getCopyAPI()
                                .copyOut("copy " + partition + " to stdout with (format csv, header)", out);
                    }
                    Map<String, Object> described = new LinkedHashMap<>();
                    described.put("table", table);
                    described.put("file", file.getFileName().toString());
                    described.put("rows", rows);
                    described.put("sha256", sha256(file));
                    described.put("columns", columns(connection, partition));
                    tables.add(described);
                }
            } finally {
                connection.rollback();
            }
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("month", month.toString());
        manifest.put("archivedAt", clock.instant().toString());
        manifest.put("eventsEndedBefore", cutoff().toString());
        manifest.put("encoding", "gzip-compressed CSV (PostgreSQL COPY, format csv, header), UTF-8");
        manifest.put("restore", "bin/archive restore --month " + month + " [--organizer ID]");
        manifest.put("tables", tables);
        Files.writeString(
                staging.resolve("manifest.json"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Detaches and drops the month's partitions, children first, all or none. */
    private void drop(YearMonth month) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String table : PARENTS_FIRST.reversed()) {
                    String partition = table + suffix(month);
                    if (exists(connection, partition)) {
                        statement.execute("alter table " + table + " detach partition " + partition);
                        statement.execute("drop table " + partition);
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select to_regclass(?) is not null")) {
            query.setString(1, table);
            try (ResultSet result = query.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static List<Map<String, String>> columns(Connection connection, String table) throws SQLException {
        List<Map<String, String>> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select attname, format_type(atttypid, atttypmod), attnotnull from pg_attribute
                 where attrelid = cast(? as regclass) and attnum > 0 and not attisdropped order by attnum
                """)) {
            query.setString(1, table);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    columns.add(Map.of(
                            "name", result.getString(1),
                            "type", result.getString(2),
                            "nullable", Boolean.toString(!result.getBoolean(3))));
                }
            }
        }
        return columns;
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in =
                new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode manifest(YearMonth month) throws IOException {
        return json.readTree(Files.readString(directoryOf(month).resolve("manifest.json")));
    }

    /**
     * Deletes the archived months that ended before the accounting period
     * ({@code boxoffice.orders.accounting-retention}) began, as order-retention drops such months
     * from the database; returns them.
     */
    List<YearMonth> expire() {
        Instant before = clock.instant().minus(orderSettings.accountingRetention());
        List<YearMonth> expired = new ArrayList<>();
        for (YearMonth month : archivedMonths()) {
            if (!end(month).isAfter(before)) {
                try {
                    org.springframework.util.FileSystemUtils.deleteRecursively(directoryOf(month));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                expired.add(month);
            }
        }
        return expired;
    }

    /** The archived months, oldest first. */
    List<YearMonth> archivedMonths() {
        if (!Files.isDirectory(settings.directory())) {
            return List.of();
        }
        try (Stream<Path> months = Files.list(settings.directory())) {
            return months.filter(dir -> Files.exists(dir.resolve("manifest.json")))
                    .map(dir -> YearMonth.parse(dir.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A buyer's archived orders, each with its items and tickets as rows of column names to values
     * (for a GDPR export: the archive is read, month by month, for the buyer's orders).
     */
    List<Map<String, Object>> ordersOf(UUID buyerId) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (YearMonth month : archivedMonths()) {
            Path directory = directoryOf(month);
            List<Map<String, String>> orders =
                    rows(directory.resolve("orders.csv.gz"), "buyer_id", Set.of(buyerId.toString()));
            if (orders.isEmpty()) {
                continue;
            }
            Set<String> ids =
                    Set.copyOf(orders.stream().map(order -> order.get("id")).toList());
            List<Map<String, String>> items = rows(directory.resolve("order_item.csv.gz"), "order_id", ids);
            List<Map<String, String>> tickets = rows(directory.resolve("ticket.csv.gz"), "order_id", ids);
            for (Map<String, String> order : orders) {
                Map<String, Object> archived = new LinkedHashMap<>(order);
                archived.put("archivedIn", month.toString());
                archived.put(
                        "items",
                        items.stream()
                                .filter(i -> i.get("order_id").equals(order.get("id")))
                                .toList());
                archived.put(
                        "tickets",
                        tickets.stream()
                                .filter(t -> t.get("order_id").equals(order.get("id")))
                                .toList());
                found.add(archived);
            }
        }
        return found;
    }

    /** The rows of an archived table whose {@code column} holds one of {@code values}. */
    private static List<Map<String, String>> rows(Path file, String column, Set<String> values) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Map<String, String>> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            List<String> header = CsvRecords.next(reader);
            int at = header == null ? -1 : header.indexOf(column);
            if (at < 0) {
                return List.of();
            }
            for (List<String> record = CsvRecords.next(reader); record != null; record = CsvRecords.next(reader)) {
                if (values.contains(record.get(at))) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        row.put(header.get(i), record.get(i));
                    }
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return rows;
    }
}
