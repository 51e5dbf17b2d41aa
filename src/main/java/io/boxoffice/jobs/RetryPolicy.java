package io.boxoffice.jobs;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter and a cap: after the n-th failed attempt the next waits a
 * uniformly random time between zero and {@code min(cap, base × 2^(n-1))}. The random spread
 * keeps a thousand jobs that failed together (an SMTP outage) from retrying together.
 */
final class RetryPolicy {

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    RetryPolicy(Duration base, Duration cap, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("retry base must be positive and at most the cap");
        }
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The most the retry after failed attempt {@code attempt} (from 1) may wait. */
    Duration bound(int attempt) {
        Duration bound = base;
        for (int doubled = 1; doubled < attempt && bound.compareTo(cap) < 0; doubled++) {
            bound = bound.multipliedBy(2);
        }
        return bound.compareTo(cap) < 0 ? bound : cap;
    }

    /** How long to wait before the attempt after failed attempt {@code attempt}. */
    Duration delay(int attempt) {
        return Duration.ofMillis(random.nextLong(bound(attempt).toMillis() + 1));
    }
}
