package io.boxoffice.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Walking every page of a listing while another client keeps publishing events into it yields
 * each event that existed before the walk exactly once, and never any event twice.
 */
class ListingPaginationTests extends ApiTest {

    private static final int EXISTING = 120;
    private static final int PAGE = 7;
    private static final int INSERTED_PER_PAGE = 3;

    @Test
    void walksEveryPageExactlyOnceWhileEventsAreInserted() throws Exception {
        Api.Account organizer = api.signUp("ORGANIZER");
        String city = "Walk" + UUID.randomUUID().toString().substring(0, 8);
        String venueId = api.venueId(organizer.token(), city);
        Set<String> existing = new HashSet<>();
        for (int i = 0; i < EXISTING; i++) {
            // only 9 distinct start times, so most pages break ties by id
            existing.add(publish(organizer, venueId, "Existing " + i, 10 + i % 9));
        }

        Semaphore pageRead = new Semaphore(0);
        Semaphore inserted = new Semaphore(0);
        List<String> insertedIds = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService inserter = Executors.newSingleThreadExecutor();
        Random random = new Random(7);
        Future<?> inserting = inserter.submit(() -> {
            while (true) {
                if (!pageRead.tryAcquire(30, TimeUnit.SECONDS)) {
                    return null;
                }
                if (Thread.currentThread().isInterrupted()) {
                    return null;
                }
                for (int i = 0; i < INSERTED_PER_PAGE; i++) {
                    // before, among and after the events already walked past
                    insertedIds.add(publish(organizer, venueId, "Inserted", 9 + random.nextInt(11)));
                }
                inserted.release();
            }
        });

        Map<String, Integer> seen = new HashMap<>();
        String cursor = null;
        int pages = 0;
        try {
            do {
                JsonNode page = api.get("/api/v1/events?city=" + city + "&limit=" + PAGE
                                + (cursor == null ? "" : "&cursor=" + cursor))
                        .json();
                page.get("items").forEach(item -> seen.merge(item.get("id").asString(), 1, Integer::sum));
                cursor = page.has("nextCursor") ? page.get("nextCursor").asString() : null;
                pages++;
                pageRead.release();
                assertThat(inserted.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
            } while (cursor != null);
        } finally {
            inserter.shutdownNow();
        }
        inserting.cancel(true);

        assertThat(pages).isGreaterThan(EXISTING / PAGE);
        assertThat(insertedIds).hasSize(pages * INSERTED_PER_PAGE);
        for (String id : existing) {
            assertThat(seen.get(id)).as("times event %s was seen", id).isEqualTo(1);
        }
        assertThat(seen.values()).allMatch(count -> count == 1);
    }

    private String publish(Api.Account organizer, String venueId, String title, int inDays) {
        String id = api.post(
                        "/api/v1/events", organizer.token(), Fixtures.event(venueId, title, Fixtures.inDays(inDays)))
                .json()
                .get("id")
                .asString();
        if (api.post("/api/v1/events/" + id + "/publish", organizer.token(), null)
                        .status()
                != 200) {
            throw new IllegalStateException("publish failed");
        }
        return id;
    }
}
