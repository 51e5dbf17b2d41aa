package io.boxoffice.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The caches on a node whose two replicas apply the primary's WAL a full second late. A cached
 * value records the position it was read at: a change evicts it, and the reload must reach the
 * change's position, so a lagging replica cannot put the old value back, with a token or without;
 * unchanged values are served without touching the database.
 */
class CachedReplicaReadsTests {

    private static ReplicaNode node;
    private static Api api;
    private static String organizer;

    @BeforeAll
    static void start() {
        node = ReplicaNode.onNewCluster(true, "--delay", "1s");
        api = node.api();
        organizer = node.organizer();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void noReadAfterAChangeIsServedTheValueFromBeforeIt() throws Exception {
        int clients = 4;
        int rounds = 100;
        AtomicInteger stale = new AtomicInteger();
        AtomicInteger checked = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String eventId = newEvent();
                work.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        String title = "Cached " + eventId + " #" + i;
                        Api.Response written =
                                api.patch("/api/v1/events/" + eventId, organizer, Map.of("title", title));
                        assertThat(written.status()).isEqualTo(200);
                        String token = written.header("Consistency-Token");
                        // with the writer's token, and without one (another client of this node)
                        Api.Response tokened = api.get("/api/v1/events/" + eventId, null, "Consistency-Token", token);
                        Api.Response untokened = api.get("/api/v1/events/" + eventId);
                        for (Api.Response read : List.of(tokened, untokened)) {
                            assertThat(read.status()).isEqualTo(200);
                            if (!read.json().get("title").asString().equals(title)) {
                                stale.incrementAndGet();
                            }
                            checked.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        }
        assertThat(checked.get()).isEqualTo(800);
        assertThat(stale.get()).isZero();
    }

    @Test
    void anUnchangedValueIsServedWithoutReadingTheDatabase() throws Exception {
        String eventId = newEvent();
        while (api.get("/api/v1/events/" + eventId).status() == 404) {
            Thread.sleep(50);
        }
        api.get("/api/v1/events/" + eventId);
        double before = node.reads("replica") + node.reads("primary");
        for (int i = 0; i < 50; i++) {
            assertThat(api.get("/api/v1/events/" + eventId).status()).isEqualTo(200);
        }
        assertThat(node.reads("replica") + node.reads("primary")).isEqualTo(before);
    }

    private static String newEvent() {
        return node.newEvent();
    }
}
