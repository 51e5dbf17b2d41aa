package io.boxoffice.platform.ratelimit;

import io.boxoffice.platform.domain.DomainException;
import java.time.Duration;
import java.util.Map;

/** A request refused by a rate limit: 429 with {@code Retry-After}. */
public final class RateLimited extends DomainException {

    private final Duration retryAfter;

    RateLimited(String message, Duration retryAfter) {
        super(Kind.TOO_MANY_REQUESTS, "rate-limited", message);
        this.retryAfter = retryAfter;
    }

    /** How long until the client may try again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up, at least one: what {@code Retry-After} says. */
    static long seconds(Duration duration) {
        long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(seconds(retryAfter)));
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("retryAfterSeconds", seconds(retryAfter));
    }
}
