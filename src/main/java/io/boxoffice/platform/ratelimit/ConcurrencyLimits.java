package io.boxoffice.platform.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

/** Requests in flight on this node, per client; a client at its limit gets 429 until one finishes. */
final class ConcurrencyLimits {

    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    /** Counts one more request of {@code client} unless it already has {@code max} in flight. */
    boolean tryEnter(String client, int max) {
        boolean[] entered = {false};
        inFlight.compute(client, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= max) {
                return count;
            }
            entered[0] = true;
            return current + 1;
        });
        return entered[0];
    }

    /** One request of {@code client} finished. */
    void exit(String client) {
        inFlight.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** Requests of {@code client} in flight now. */
    int inFlight(String client) {
        return inFlight.getOrDefault(client, 0);
    }
}
