package io.boxoffice.platform.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures read from the database for gauges: read again when the last reading is older than the
 * period, however often they are scraped, by one reader at a time on a thread of its own. A scrape
 * waits for that reading at most {@link #WAIT}, then answers with the last figures: a database that
 * is slow or gone (a failover) never makes a scrape time out, which would read as the node being
 * down. A reading that fails keeps the last figures (logged at debug) and is tried again a period
 * later.
 *
 * @param <T> the figures
 */
public final class Sampled<T> {

    private static final Logger log = LoggerFactory.getLogger(Sampled.class);
    private static final Duration WAIT = Duration.ofMillis(500);

    private record Reading<T>(T figures, Instant at) {}

    private final String what;
    private final Duration period;
    private final Clock clock;
    private final Function<Instant, T> read;
    private volatile Reading<T> last;
    private volatile Instant tried = Instant.EPOCH;
    private CompletableFuture<Void> reading = CompletableFuture.completedFuture(null);

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

    /** The figures, read again if older than the period (waiting for that reading up to half a second). */
    public T get() {
        Instant now = clock.instant();
        if (Duration.between(tried, now).compareTo(period) < 0) {
            return last.figures();
        }
        CompletableFuture<Void> current;
        synchronized (this) {
            if (reading.isDone() && Duration.between(tried, now).compareTo(period) >= 0) {
                tried = now;
                reading = CompletableFuture.runAsync(() -> refresh(now), Sampled::onVirtualThread);
            }
            current = reading;
        }
        try {
            current.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.atDebug().log("{}: answering with the last figures while the reading goes on", what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return last.figures();
    }

    private void refresh(Instant now) {
        try {
            last = new Reading<>(read.apply(now), now);
        } catch (RuntimeException e) { // a database that is down, mostly: a scrape must not fail
            log.atDebug().log("{} not refreshed: {}", what, e.getMessage());
        }
    }

    private static void onVirtualThread(Runnable task) {
        Thread.ofVirtual().name("sampled-gauge").start(task);
    }
}
