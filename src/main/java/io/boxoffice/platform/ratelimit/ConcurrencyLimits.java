package io.boxoffice.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests in flight on this node, per client; a client at its limit gets 429 until one finishes.
 * Counting is lock-free (one hot client must not serialize its own requests); a client's counter
 * is dropped once the client has been idle for a while. That idle time is real time (Caffeine's
 * system ticker), not the application clock: a counter with requests in flight must never expire
 * because a test moved the clock.
 */
final class ConcurrencyLimits {

    private final Cache<String, AtomicInteger> inFlight = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(1_000_000)
            .build();

    /**
     * Counts one more request of {@code client} unless it already has {@code max} in flight;
     * returns the counter to {@link #exit} with, or null when the client is at its limit.
     */
    AtomicInteger tryEnter(String client, int max) {
        AtomicInteger count = inFlight.get(client, ignored -> new AtomicInteger());
        while (true) {
            int current = count.get();
            if (current >= max) {
                return null;
            }
            if (count.compareAndSet(current, current + 1)) {
                return count;
            }
        }
    }

    /** One request counted by {@code count} finished. */
    void exit(AtomicInteger count) {
        count.decrementAndGet();
    }
}
