package io.boxoffice.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.RedisServer;
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

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", REDIS::url);
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Override
    protected List<String> nodeArguments() {
        return List.of("--spring.data.redis.url=" + REDIS.url());
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
            Thread.sleep(1000);
            assertThat(REDIS.keys("boxoffice:cache:*")).isNotEmpty();
            REDIS.kill();
            // a change while Redis is down: made and served from the database, not lost
            api.patch("/api/v1/events/" + event, organizer.token(), java.util.Map.of("title", "Changed In The Dark"));
            Thread.sleep(2500);
            REDIS.restart();
            Thread.sleep(4000);
            running.set(false);
            for (Future<?> client : clients) {
                client.get();
            }
        }

        assertThat(failures).as("answers other than 200 under load, by status").isEmpty();
        assertThat(answered.get()).isGreaterThan(100);
        // both nodes dropped what they may have missed: the change made during the outage is served
        assertThat(first.get("/api/v1/events/" + event).json().get("title").asString())
                .isEqualTo("Changed In The Dark");
        assertThat(other.get("/api/v1/events/" + event).json().get("title").asString())
                .isEqualTo("Changed In The Dark");
        // and the shared tier is in use again
        assertThat(REDIS.keys("boxoffice:cache:*")).isNotEmpty();
        assertThat(firstMeters()
                        .get("resilience4j.circuitbreaker.state")
                        .tag("name", "redis")
                        .tag("state", "closed")
                        .gauge()
                        .value())
                .isEqualTo(1);
    }
}
