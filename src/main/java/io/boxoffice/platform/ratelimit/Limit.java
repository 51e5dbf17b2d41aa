package io.boxoffice.platform.ratelimit;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/**
 * A token bucket's policy: at most {@code requests} in a burst, refilled evenly at {@code requests}
 * per {@code per}. Written in configuration as {@code 600/1m}.
 */
public record Limit(long requests, Duration per) {

    public Limit {
        if (requests < 1) {
            throw new IllegalArgumentException("a limit allows at least one request, not " + requests);
        }
        if (per.isZero() || per.isNegative()) {
            throw new IllegalArgumentException("a limit's period must be positive, not " + per);
        }
    }

    /** Reads {@code 600/1m}, {@code 20/10s}, {@code 10/15m}; the conversion service calls it for settings. */
    public static Limit valueOf(String text) {
        int slash = text.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("a limit reads like 600/1m, not '" + text + "'");
        }
        return new Limit(
                Long.parseLong(text.substring(0, slash).strip()),
                DurationStyle.detectAndParse(text.substring(slash + 1).strip()));
    }

    /** How long the bucket takes to earn one token back. */
    Duration perToken() {
        return per.dividedBy(requests);
    }

    @Override
    public String toString() {
        return requests + "/" + per.toSeconds() + "s";
    }
}
