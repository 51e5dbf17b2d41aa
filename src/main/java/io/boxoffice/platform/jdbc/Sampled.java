package io.boxoffice.platform.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures read from the database for gauges: read again when the last reading is older than the
 * period, however often they are scraped, by one caller at a time; a reading that fails keeps the
 * last figures (logged at debug).
 *
 * @param <T> the figures
 */
public final class Sampled<T> {

    private static final Logger log = LoggerFactory.getLogger(Sampled.class);

    private record Reading<T>(T figures, Instant at) {}

    private final String what;
    private final Duration period;
    private final Clock clock;
    private final Function<Instant, T> read;
    private volatile Reading<T> last;

    /**
     * @param what what the figures are, for the log
     * @param initial the figures until the first reading succeeds
     * @param read reads the figures as of the instant it is given
     */
    public Sampled(String what, T initial, Duration period, Clock clock, Function<Instant, T> read) {
        this.what = what;
        this.period = period;
        this.clock = clock;
        this.read = read;
        this.last = new Reading<>(initial, Instant.EPOCH);
    }

    /** The figures, read again if older than the period. */
    public T get() {
        Reading<T> reading = last;
        Instant now = clock.instant();
        if (Duration.between(reading.at(), now).compareTo(period) < 0) {
            return reading.figures();
        }
        synchronized (this) {
            if (last == reading) {
                try {
                    last = new Reading<>(read.apply(now), now);
                } catch (RuntimeException e) { // a database that is down, mostly: a scrape must not fail
                    log.atDebug().log("{} not refreshed: {}", what, e.getMessage());
                }
            }
            return last.figures();
        }
    }
}
