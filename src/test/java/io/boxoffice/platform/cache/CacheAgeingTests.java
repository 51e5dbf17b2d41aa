package io.boxoffice.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Entries age by the application's clock: moving it, rather than sleeping, takes an entry past its
 * fresh time (served while one reload runs) and past its lifetime (gone, loaded again on the read).
 * Background reloads are bounded: a table lock holds the ones that start, to count them exactly.
 */
class CacheAgeingTests extends ApiTest {

    /** The events cache's shape (catalog's {@code CatalogCaches.EVENTS}): fresh for 5 minutes, stale for 1 more. */
    private static final Duration FRESH = Duration.ofMinutes(5);

    private static final Duration LIFETIME = Duration.ofMinutes(6);

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private HikariDataSource primaryPool;

    @Test
    void anEntryPastItsFreshTimeIsServedWhileOneReloadRunsAndOnePastItsLifetimeIsReadAgain() {
        Api.Account organizer = api.signUp("ORGANIZER");
        String venueId = api.venueId(organizer.token(), "Agetown-" + UUID.randomUUID());
        String path = "/api/v1/events/"
                + api.publishedEvent(organizer.token(), venueId, List.of(Fixtures.ticketType("Standard", 1500)))
                        .get("id")
                        .asString();
        String body = api.get(path).text();
        double loaded = databaseLoads();
        for (int i = 0; i < 3; i++) {
            assertThat(api.get(path).text()).isEqualTo(body);
        }
        assertThat(databaseLoads()).as("fresh: served from the near tier").isEqualTo(loaded);

        clock.advance(FRESH.plusSeconds(1));
        assertThat(api.get(path).text())
                .as("past fresh: the entry is still served")
                .isEqualTo(body);
        await().atMost(Duration.ofSeconds(30)).until(() -> databaseLoads() == loaded + 1);
        for (int i = 0; i < 3; i++) {
            assertThat(api.get(path).text()).isEqualTo(body);
        }
        assertThat(databaseLoads())
                .as("one background reload, fresh again after it")
                .isEqualTo(loaded + 1);

        clock.advance(LIFETIME.plusSeconds(1));
        assertThat(api.get(path).text()).isEqualTo(body);
        assertThat(databaseLoads())
                .as("past its lifetime: gone, read again before the answer")
                .isEqualTo(loaded + 2);
    }

    @Test
    void atMostFourReloadsRunAtOnceAndTheOnesBeyondAreSkippedNotQueued() throws Exception {
        Api.Account organizer = api.signUp("ORGANIZER");
        String venueId = api.venueId(organizer.token(), "Reloadville-" + UUID.randomUUID());
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            paths.add("/api/v1/events/"
                    + api.publishedEvent(organizer.token(), venueId, List.of(Fixtures.ticketType("Standard", 1500)))
                            .get("id")
                            .asString());
        }
        paths.forEach(path -> assertThat(api.get(path).status()).isEqualTo(200));
        double loaded = databaseLoads();
        double skipped = meters.get("boxoffice.cache.reloads.skipped").counter().count();

        clock.advance(FRESH.plusSeconds(1));
        try (Connection blocker = primaryPool.getConnection()) {
            // every reload of an event waits on this lock, so the ones that start stay running
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("lock table event in access exclusive mode");
            paths.forEach(path -> assertThat(api.get(path).status())
                    .as("past fresh: served as it is, not waiting for its reload")
                    .isEqualTo(200));
            assertThat(meters.get("boxoffice.cache.reloads.skipped").counter().count() - skipped)
                    .as("6 entries past their fresh time, 4 reloads at most: 2 skipped")
                    .isEqualTo(2);
            assertThat(databaseLoads()).as("the 4 reloads wait on the lock").isEqualTo(loaded);
            blocker.rollback();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> databaseLoads() == loaded + 4);
        paths.forEach(path -> assertThat(api.get(path).status()).isEqualTo(200));
        await("the skipped two reload on their next read")
                .atMost(Duration.ofSeconds(30))
                .until(() -> databaseLoads() == loaded + 6);
    }

    private double databaseLoads() {
        return meters.get("boxoffice.cache.loads")
                .tag("cache", "events")
                .tag("source", "database")
                .counter()
                .count();
    }
}
