package io.boxoffice.orders;

import io.boxoffice.platform.jdbc.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the orders tables in shape: creates the monthly partitions of orders, order items and
 * tickets ahead of time (at start-up, then every few hours), so rows always land in their
 * month's partition and never in the default one, and deletes idempotency keys past their
 * retention. Both are safe on every node at once: creating a partition that exists is a no-op,
 * and a key deleted twice is deleted once.
 */
@Component
class OrderHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(OrderHousekeeping.class);
    private static final List<String> TABLES = List.of("orders", "order_item", "ticket");
    private static final int DELETE_BATCH = 5000;

    private final JdbcClient jdbc;
    private final OrderSettings settings;
    private final Clock clock;

    OrderHousekeeping(JdbcClient jdbc, OrderSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${boxoffice.orders.partition-check-interval:6h}")
    void createAheadOnSchedule() {
        try {
            List<String> created = createAhead();
            if (!created.isEmpty()) {
                log.info("Created partitions {}", created);
            }
        } catch (DataAccessException e) {
            log.warn("Partition maintenance deferred to its next run: {}", e.getMessage());
        }
    }

    @Scheduled(initialDelay = 60_000, fixedDelayString = "${boxoffice.orders.key-expiry-interval:10m}")
    void expireKeysOnSchedule() {
        try {
            int expired = expireKeys();
            if (expired > 0) {
                log.info("Expired {} idempotency keys", expired);
            }
        } catch (DataAccessException e) {
            log.warn("Idempotency key expiry deferred to its next run: {}", e.getMessage());
        }
    }

    /** Deletes the idempotency keys claimed before the retention window, a batch per statement; returns how many. */
    int expireKeys() {
        Instant before = clock.instant().minus(settings.idempotencyRetention());
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                            delete from idempotency_key
                             where ctid = any (array(select ctid from idempotency_key
                                                      where claimed_at < :before limit :batch))
                            """)
                    .param("before", Timestamps.utc(before))
                    .param("batch", DELETE_BATCH)
                    .update();
            total += deleted;
        } while (deleted == DELETE_BATCH);
        return total;
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
