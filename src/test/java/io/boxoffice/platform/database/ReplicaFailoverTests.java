package io.boxoffice.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replicas stopped under a read load: no request fails, the stopped replica leaves the rotation,
 * comes back when restarted, and with no replica at all the primary serves every read while the
 * node stays ready.
 */
class ReplicaFailoverTests {

    @AutoClose
    private static final ReplicaNode node =
            ReplicaNode.onNewCluster(false); // the routing alone: no cache in front of the replicas

    private static final Api api = node.api();
    private static String eventId;

    @BeforeAll
    static void event() {
        eventId = node.newEvent();
    }

    @Test
    void replicasStoppedUnderLoadFailNoRequestAndRejoinWhenBack() throws Exception {
        await("both replicas in rotation", () -> node.available("replica1") && node.available("replica2"));
        ReadLoad load = new ReadLoad(4);
        load.runUntil("a first hundred reads", load.successes(100));

        node.cluster().stopReplica(1);
        load.runUntil("replica1 out of the rotation", () -> !node.available("replica1"));
        assertThat(node.available("replica2")).isTrue();

        node.cluster().startReplica(1);
        await("replica1 back in rotation", () -> node.available("replica1"));
        long replica1Connections = node.acquired("replica1");
        load.runUntil("replica1 serving reads again", () -> node.acquired("replica1") - replica1Connections > 20);

        node.cluster().stopReplica(1);
        node.cluster().stopReplica(2);
        double primaryReads = node.reads("primary");
        load.runUntil("both replicas out", () -> !node.available("replica1") && !node.available("replica2"));
        double replicaReadsWhileDown = node.reads("replica");
        load.runUntil("a hundred reads with no replica", load.successes(100));
        assertThat(node.reads("replica")).isEqualTo(replicaReadsWhileDown);
        assertThat(node.reads("primary")).isGreaterThan(primaryReads);
        assertThat(api.get("/readyz").status()).isEqualTo(200);

        node.cluster().startReplica(1);
        node.cluster().startReplica(2);
        await("both replicas back", () -> node.available("replica1") && node.available("replica2"));
        load.runUntil("a hundred reads with both back", load.successes(100));

        assertThat(load.failures).isEmpty();
        assertThat(load.succeeded.get()).isPositive();
    }

    @Test
    void aReplicaTooFarBehindLeavesTheRotationAndRejoinsOnceCaughtUp() throws Exception {
        await("both replicas in rotation", () -> node.available("replica1") && node.available("replica2"));
        AtomicInteger renames = new AtomicInteger();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        writer.scheduleAtFixedRate( // a write every 100 ms, for the replicas to fall behind on
                () -> api.patch(
                        "/api/v1/events/" + eventId,
                        node.organizer(),
                        Map.of("title", "Lagging " + renames.incrementAndGet())),
                0,
                100,
                TimeUnit.MILLISECONDS);
        try {
            node.cluster().delay("8s"); // past max-replica-lag (5 s)
            await("both replicas out for lag", () -> !node.available("replica1") && !node.available("replica2"));
            assertThat(node.lagSeconds("replica1")).isGreaterThan(5);
            double primaryReads = node.reads("primary");
            assertThat(api.get("/api/v1/events/" + eventId).status()).isEqualTo(200);
            assertThat(node.reads("primary")).isGreaterThan(primaryReads);

            node.cluster().delay("0");
            await("both replicas caught up", () -> node.available("replica1") && node.available("replica2"));
            assertThat(node.lagSeconds("replica1")).isLessThan(5);
        } finally {
            writer.shutdownNow();
            writer.awaitTermination(10, TimeUnit.SECONDS);
            node.cluster().delay("0");
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }

    /** Clients reading an event, its availability and a listing page in a loop, counting every answer. */
    private static final class ReadLoad {

        final AtomicInteger succeeded = new AtomicInteger();
        final Map<String, Integer> failures = new ConcurrentHashMap<>();
        private final int clients;

        ReadLoad(int clients) {
            this.clients = clients;
        }

        /** A condition true once {@code more} reads have succeeded from now on. */
        BooleanSupplier successes(int more) {
            int target = succeeded.get() + more;
            return () -> succeeded.get() >= target;
        }

        /** Runs the clients until {@code condition} holds (at most 20 s), then stops them. */
        void runUntil(String what, BooleanSupplier condition) throws Exception {
            AtomicBoolean running = new AtomicBoolean(true);
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                List<Future<?>> work = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    work.add(pool.submit(() -> {
                        List<String> paths = List.of(
                                "/api/v1/events/" + eventId,
                                "/api/v1/events/" + eventId + "/availability",
                                "/api/v1/events?city=Failover%20City");
                        for (int i = 0; running.get(); i++) {
                            String path = paths.get(i % paths.size());
                            int status = api.get(path).status();
                            if (status == 200) {
                                succeeded.incrementAndGet();
                            } else {
                                failures.merge(path + " -> " + status, 1, Integer::sum);
                            }
                        }
                        return null;
                    }));
                }
                try {
                    await(what, condition);
                } finally {
                    running.set(false);
                    for (Future<?> future : work) {
                        future.get();
                    }
                }
            }
        }
    }
}
