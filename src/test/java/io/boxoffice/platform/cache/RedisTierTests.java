package io.boxoffice.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.boxoffice.platform.database.Lsn;
import io.boxoffice.support.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis tier's guards, against a real redis-server: no load ever puts back a value older than what it knows. */
class RedisTierTests {

    private static final Duration TTL = Duration.ofMinutes(1);

    private static RedisServer redis;
    private static RedisTier tier;
    private static final List<String> heard = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        tier = new RedisTier(
                redis.url(),
                new CacheSettings(
                        true,
                        Duration.ofMillis(250),
                        Duration.ofSeconds(2),
                        Duration.ofMillis(300),
                        Duration.ofSeconds(2),
                        null,
                        4),
                new SimpleMeterRegistry());
        tier.start(heard::add, () -> {});
    }

    @AfterAll
    static void stop() {
        tier.close();
        redis.close();
    }

    @Test
    void aLoadOlderThanAnInvalidationIsNotStored() {
        assertThat(put("k1", 10, "v10")).isTrue();
        assertThat(tier.invalidate("t:v:k1", "t:f:k1", TTL, message(20, "k1"))).isTrue();
        assertThat(tier.get("t:v:k1")).isNull();

        assertThat(put("k1", 15, "v15"))
                .as("read before the invalidation's write")
                .isFalse();
        assertThat(tier.get("t:v:k1")).isNull();
        assertThat(put("k1", 20, "v20")).isTrue();
        assertThat(text(tier.get("t:v:k1"))).endsWith("v20");
    }

    @Test
    void aNewerValueIsNeverReplacedByAnOlderOne() {
        assertThat(put("k2", 30, "v30")).isTrue();
        assertThat(put("k2", 25, "v25")).isFalse();
        assertThat(text(tier.get("t:v:k2"))).endsWith("v30");
        assertThat(put("k2", 31, "v31")).isTrue();
    }

    @Test
    void aNewGenerationRefusesLoadsFromBeforeIt() {
        assertThat(tier.newGeneration("t:generation:k3", message(100, Invalidation.ALL_KEYS)))
                .isTrue();
        assertThat(put("k3", 99, "v99")).isFalse();
        assertThat(put("k3", 100, "v100")).isTrue();
        assertThat(tier.text("t:generation:k3")).isEqualTo(new Lsn(100).token());
        // an older generation message does not move it back
        assertThat(tier.newGeneration("t:generation:k3", message(50, Invalidation.ALL_KEYS)))
                .isTrue();
        assertThat(tier.text("t:generation:k3")).isEqualTo(new Lsn(100).token());
    }

    @Test
    void invalidationsArePublishedToSubscribers() throws Exception {
        Invalidation sent = message(40, "k4");
        tier.invalidate("t:v:k4", "t:f:k4", TTL, sent);
        await("the invalidation heard on the channel")
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> heard.contains(sent.encode()));
        assertThat(Invalidation.decode(sent.encode())).isEqualTo(sent);
    }

    @Test
    void onlyOneNodeHoldsALoadLease() {
        List<RedisTier.Lease> leases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            leases.add(tier.lease("t:lease:k5", Duration.ofSeconds(2)));
        }
        assertThat(leases)
                .containsExactly(
                        RedisTier.Lease.ACQUIRED, RedisTier.Lease.HELD_ELSEWHERE, RedisTier.Lease.HELD_ELSEWHERE);
        tier.release("t:lease:k5");
        assertThat(tier.lease("t:lease:k5", Duration.ofSeconds(2))).isEqualTo(RedisTier.Lease.ACQUIRED);
    }

    private static boolean put(String key, long position, String value) {
        String token = new Lsn(position).token();
        return tier.put(
                "t:v:" + key,
                "t:f:" + key,
                "t:generation:" + key,
                token,
                (token + value).getBytes(StandardCharsets.UTF_8),
                TTL);
    }

    private static Invalidation message(long position, String key) {
        return new Invalidation("test", "t", Invalidation.Kind.EVICT, new Lsn(position), key);
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
