package io.boxoffice.orders;

import io.boxoffice.jobs.JobPriority;
import io.boxoffice.jobs.RecurringJob;
import io.boxoffice.platform.jdbc.Retention;
import io.boxoffice.platform.jdbc.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the orders tables in shape, as two low-priority recurring jobs that one worker at a time
 * runs: {@code partition-maintenance} creates the monthly partitions of orders, order items,
 * tickets and idempotency keys months ahead (when a worker first starts on the database, then
 * every few hours), so rows always land in their month's partition and never in the default one;
 * {@code idempotency-key-expiry} drops the partitions of idempotency keys once every key in them
 * is past its retention. Both stay safe if two runs ever overlap: creating a partition that
 * exists is a no-op, and dropping one is done by whoever gets there first.
 */
@Component
class OrderHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(OrderHousekeeping.class);
    /** Partitioned by month: of the order's UUIDv7 id, and of a key's claim. */
    private static final List<String> TABLES =
            List.of("orders", "order_item", "ticket", "payment_attempt", "refund", "dispute", "idempotency_key");
    /** An order's rows, each table before the tables it references. */
    private static final List<String> ORDER_TABLES_CHILDREN_FIRST =
            List.of("refund", "dispute", "payment_attempt", "ticket", "order_item", "orders");

    private static final Pattern ORDERS_PARTITION = Pattern.compile("orders_(\\d{4})_(\\d{2})");

    private static final Pattern KEY_PARTITION = Pattern.compile("idempotency_key_(\\d{4})_(\\d{2})");
    private static final int DELETE_BATCH = 5000;

    private final JdbcClient jdbc;
    private final OrderSettings settings;
    private final Clock clock;

    OrderHousekeeping(JdbcClient jdbc, OrderSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** The recurring job that creates partitions ahead. */
    RecurringJob partitionJob() {
        return new RecurringJob(
                "partition-maintenance",
                JobPriority.LOW,
                settings.partitionCheckInterval(),
                () -> logged("Partition maintenance", () -> {
                    List<String> created = createAhead();
                    return created.isEmpty() ? null : "created partitions " + created;
                }));
    }

    /** The recurring job that removes orders past the accounting period. */
    RecurringJob orderRetentionJob() {
        return new RecurringJob(
                "order-retention",
                JobPriority.LOW,
                settings.partitionCheckInterval(),
                () -> logged("Order retention", () -> removed(expireOrders(), "orders past the accounting period")));
    }

    /** The recurring job that drops expired idempotency keys. */
    RecurringJob keyExpiryJob() {
        return new RecurringJob(
                "idempotency-key-expiry",
                JobPriority.LOW,
                settings.keyExpiryInterval(),
                () -> logged("Idempotency key expiry", () -> removed(expireKeys(), "expired idempotency keys")));
    }

    /** Runs one pass of a job, logging what it did (if anything) or why it is put off to its next run. */
    private static void logged(String job, Supplier<@Nullable String> pass) {
        try {
            String done = pass.get();
            if (done != null) {
                log.info("{}: {}", job, done);
            }
        } catch (DataAccessException e) {
            log.warn("{} deferred to its next run: {}", job, e.getMessage());
        }
    }

    private static @Nullable String removed(int count, String what) {
        return count == 0 ? null : "removed " + what + ": " + count + " partitions and rows";
    }

    /**
     * Drops the idempotency-key partitions whose month ended before the retention window began,
     * and deletes expired keys that sit in the default partition; returns how many partitions and
     * rows went.
     */
    int expireKeys() {
        Instant before = clock.instant().minus(settings.idempotencyRetention());
        int dropped = 0;
        for (String partition : partitions("idempotency_key")) {
            Matcher month = KEY_PARTITION.matcher(partition);
            if (month.matches() && !monthEnd(month.group(1), month.group(2)).isAfter(before)) {
                jdbc.sql("drop table if exists " + partition).update();
                dropped++;
            }
        }
        return dropped
                + Retention.deleteBelow(
                        jdbc, "idempotency_key_default", "claimed_at", Timestamps.utc(before), DELETE_BATCH);
    }

    /**
     * Removes the orders, with their items, tickets, payment attempts, refunds and disputes, and
     * the daily sales roll-ups, that are older than the accounting period: whole months of orders
     * detached and dropped (children first, as the foreign keys require), rows of such months in
     * the default partitions deleted in batches. Returns how many partitions and rows went.
     */
    int expireOrders() {
        Instant before = clock.instant().minus(settings.accountingRetention());
        int removed = 0;
        for (String partition : partitions("orders")) {
            Matcher month = ORDERS_PARTITION.matcher(partition);
            if (month.matches() && !monthEnd(month.group(1), month.group(2)).isAfter(before)) {
                for (String table : ORDER_TABLES_CHILDREN_FIRST) {
                    String name = table + "_" + month.group(1) + "_" + month.group(2);
                    if (jdbc.sql("select to_regclass(:name) is not null")
                            .param("name", name)
                            .query(Boolean.class)
                            .single()) {
                        jdbc.sql("alter table " + table + " detach partition " + name)
                                .update();
                        jdbc.sql("drop table " + name).update();
                        removed++;
                    }
                }
            }
        }
        UUID bound = jdbc.sql("select uuid7_floor(:before)")
                .param("before", Timestamps.utc(before))
                .query(UUID.class)
                .single();
        for (String table : ORDER_TABLES_CHILDREN_FIRST) {
            removed += Retention.deleteBelow(
                    jdbc, table + "_default", table.equals("orders") ? "id" : "order_id", bound, DELETE_BATCH);
        }
        removed += Retention.deleteBelow(
                jdbc, "event_sales_daily", "day", LocalDate.ofInstant(before, ZoneOffset.UTC), DELETE_BATCH);
        return removed;
    }

    private List<String> partitions(String parent) {
        return partitions(jdbc, parent);
    }

    /** The names of the partitions of {@code parent}. */
    static List<String> partitions(JdbcClient jdbc, String parent) {
        return jdbc.sql("""
                        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                         where i.inhparent = cast(:parent as regclass)
                        """).param("parent", parent).query(String.class).list();
    }

    private static Instant monthEnd(String year, String month) {
        return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), 1)
                .plusMonths(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    /** Makes sure this month's and the next {@code partitionMonthsAhead} months' partitions exist; returns the new ones. */
    List<String> createAhead() {
        LocalDate month = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1);
        List<String> created = new ArrayList<>();
        for (int ahead = 0; ahead <= settings.partitionMonthsAhead(); ahead++) {
            LocalDate first = month.plusMonths(ahead);
            for (String table : TABLES) {
                boolean made = jdbc.sql("select create_monthly_partition(:table, :month)")
                        .param("table", table)
                        .param("month", first)
                        .query(Boolean.class)
                        .single();
                if (made) {
                    created.add(table + " " + first);
                }
            }
        }
        return created;
    }
}
