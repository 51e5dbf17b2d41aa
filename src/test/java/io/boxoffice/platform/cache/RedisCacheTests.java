package io.boxoffice.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.boxoffice.support.Api;
import io.boxoffice.support.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With Redis (a real redis-server) shared by both nodes: invalidations travel by Redis pub/sub,
 * a cold key is loaded from the database once between the nodes, and killing Redis under load
 * fails no request; once it is back, caching in it resumes.
 */
class RedisCacheTests extends CrossNodeCacheTests {

    private static final RedisServer REDIS = RedisServer.start();

    /**
     * A Redis command slower than the timeout reads as a miss and the node loads from the database
     * itself, as it should; but 500 requests opening connections at once starve a shared 2-core
     * machine for longer than the default 250 ms, and this class tests the lease, not that.
     */
    private static final String TIMEOUT = "2s";

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", REDIS::url);
        registry.add("boxoffice.cache.redis-timeout", () -> TIMEOUT);
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Override
    protected List<String> nodeArguments() {
        return List.of("--spring.data.redis.url=" + REDIS.url(), "--boxoffice.cache.redis-timeout=" + TIMEOUT);
    }

    @Override
    protected int databaseLoadsForTwoNodes() {
        return 1;
    }

    @Test
    void killingRedisUnderLoadFailsNoRequestAndCachingResumesWhenItReturns() throws Exception {
        String event = publishedEvent("Through The Outage", 100);
        List<String> paths = List.of(
                "/api/v1/events/" + event,
                "/api/v1/events/" + event + "/availability",
                "/api/v1/events?city=" + city,
                "/api/v1/venues/" + venueId);
        Api first = new Api(api.base());
        Api other = second();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        ConcurrentMap<Integer, Integer> failures = new ConcurrentHashMap<>();
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 8; c++) {
                Api node = c % 2 == 0 ? first : other;
                int offset = c;
                clients.add(pool.submit(() -> {
                    for (int i = offset; running.get(); i++) {
                        int status;
                        try {
                            status = node.get(paths.get(i % paths.size())).status();
                        } catch (RuntimeException e) {
                            status = -1;
                        }
                        answered.incrementAndGet();
                        if (status != 200) {
                            failures.merge(status, 1, Integer::sum);
                        }
                    }
                }));
            }
            await("values shared in Redis under load")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> answered.get() > 100
                            && !REDIS.keys("boxoffice:cache:*").isEmpty());
            REDIS.kill();
            // a change while Redis is down: made and served from the database, not lost
            api.patch("/api/v1/events/" + event, organizer.token(), java.util.Map.of("title", "Changed In The Dark"));
            int atKill = answered.get();
            await("two hundred answers with Redis down")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> answered.get() >= atKill + 200);
            REDIS.restart();
            // both nodes drop what they may have missed: the change made during the outage is served
            await("the change served by both nodes, values shared in Redis again")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> title(first, event).equals("Changed In The Dark")
                            && title(other, event).equals("Changed In The Dark")
                            && !REDIS.keys("boxoffice:cache:*").isEmpty());
            running.set(false);
            for (Future<?> client : clients) {
                client.get();
            }
        }

        assertThat(failures).as("answers other than 200 under load, by status").isEmpty();
        // and the shared tier is in use again: each node's breaker closes once its probes succeed
        AtomicInteger probes = new AtomicInteger();
        await("both nodes' Redis breakers closed")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    // a change makes both nodes miss their near caches and ask Redis again
                    api.patch(
                            "/api/v1/events/" + event,
                            organizer.token(),
                            java.util.Map.of("title", "Probe " + probes.incrementAndGet()));
                    first.get(paths.get(0));
                    other.get(paths.get(0));
                    return closed(firstMeters()) && closed(secondMeters());
                });
    }

    private static String title(Api node, String event) {
        return node.get("/api/v1/events/" + event).json().get("title").asString();
    }

    private static boolean closed(MeterRegistry meters) {
        return meters.get("resilience4j.circuitbreaker.state")
                        .tag("name", "redis")
                        .tag("state", "closed")
                        .gauge()
                        .value()
                == 1;
    }
}
