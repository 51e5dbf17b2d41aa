package io.boxoffice.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Entries age by the application's clock: moving it, rather than sleeping, takes an entry past its
 * fresh time (served while one reload runs) and past its lifetime (gone, loaded again on the read).
 */
class CacheAgeingTests extends ApiTest {

    /** The events cache's shape (catalog's {@code CatalogCaches.EVENTS}): fresh for 5 minutes, stale for 1 more. */
    private static final Duration FRESH = Duration.ofMinutes(5);

    private static final Duration LIFETIME = Duration.ofMinutes(6);

    @Autowired
    private MeterRegistry meters;

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

    private double databaseLoads() {
        return meters.get("boxoffice.cache.loads")
                .tag("cache", "events")
                .tag("source", "database")
                .counter()
                .count();
    }
}
