package io.boxoffice.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets every node shares, kept in a Bucket4j store (PostgreSQL or Redis), with local
 * pre-allocation so a hot key does not make the store the bottleneck.
 *
 * <p>A node takes tokens from the shared bucket a share of its capacity at a time (at least one)
 * and spends them locally; only when they are gone does it go back to the store, one request at a
 * time per key while the others of that key wait for its answer. The fleet can therefore allow
 * less than the limit (tokens one node took and has not spent), never more. A refused key is
 * refused locally until the bucket can have a token again, so a client hammering a closed bucket
 * costs no store round trips either.
 *
 * <p>When the store fails, each node falls back to a bucket of its own with the same limit: the
 * fleet then allows up to N times the limit, and requests keep being served.
 */
final class SharedBuckets {

    private static final Logger log = LoggerFactory.getLogger(SharedBuckets.class);
    private static final Duration WARN_EVERY = Duration.ofSeconds(30);

    private final ProxyManager<String> store;
    private final Clock clock;
    private final TimeMeter time;
    private final double prefetch;
    private final Cache<String, Allowance> allowances;
    private final Cache<String, Bucket> fallbacks;
    private final Counter storeErrors;
    private volatile Instant lastWarning = Instant.EPOCH;

    SharedBuckets(ProxyManager<String> store, Clock clock, double prefetch, MeterRegistry meters) {
        this.store = store;
        this.clock = clock;
        this.time = timeMeter(clock);
        this.prefetch = prefetch;
        this.allowances = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterAccess(Duration.ofMinutes(15))
                .build();
        this.fallbacks = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterAccess(Duration.ofMinutes(15))
                .build();
        this.storeErrors = Counter.builder("boxoffice.ratelimit.store.errors")
                .description("Rate-limit store calls that failed; the node limited on its own meanwhile")
                .register(meters);
    }

    /** Bucket4j's clock from the application's, so tests can move time for the buckets too. */
    static TimeMeter timeMeter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Takes one token from the bucket {@code key} under {@code limit}. */
    Decision acquire(String key, Limit limit) {
        Allowance allowance = allowances.get(key + '|' + limit, ignored -> new Allowance());
        return allowance.acquire(key, limit);
    }

    private long chunk(Limit limit) {
        return Math.max(1, (long) Math.floor(limit.requests() * prefetch));
    }

    private static Bandwidth bandwidth(Limit limit) {
        return Bandwidth.builder()
                .capacity(limit.requests())
                .refillGreedy(limit.requests(), limit.per())
                .build();
    }

    private BucketProxy shared(String key, Limit limit) {
        return store.builder()
                // a changed limit replaces the stored configuration instead of being ignored
                .withImplicitConfigurationReplacement(limit.hashCode() & 0x7fffffffL, TokensInheritanceStrategy.AS_IS)
                .build(
                        key,
                        () -> BucketConfiguration.builder()
                                .addLimit(bandwidth(limit))
                                .build());
    }

    private Duration untilFull(long remaining, Limit limit) {
        return limit.perToken().multipliedBy(Math.max(0, limit.requests() - remaining));
    }

    /** What one node holds for one key: tokens taken from the store and not yet spent. */
    private final class Allowance {

        private final ReentrantLock lock = new ReentrantLock();
        private long tokens;
        private long sharedRemaining;
        private Instant refusedUntil = Instant.EPOCH;

        Decision acquire(String key, Limit limit) {
            lock.lock();
            try {
                if (tokens > 0) {
                    tokens--;
                    long remaining = sharedRemaining + tokens;
                    return Decision.allowed(remaining, untilFull(remaining, limit));
                }
                Instant now = clock.instant();
                if (now.isBefore(refusedUntil)) {
                    return Decision.refused(Duration.between(now, refusedUntil), limit.per());
                }
                return fetch(key, limit, now);
            } finally {
                lock.unlock();
            }
        }

        private Decision fetch(String key, Limit limit, Instant now) {
            BucketProxy bucket;
            VerboseResult<Long> taken;
            try {
                bucket = shared(key, limit);
                taken = bucket.asVerbose().tryConsumeAsMuchAsPossible(chunk(limit));
            } catch (RuntimeException e) {
                return fallback(key, limit, e);
            }
            long got = taken.getValue();
            if (got > 0) {
                tokens = got - 1;
                sharedRemaining = taken.getDiagnostics().getAvailableTokens();
                long remaining = sharedRemaining + tokens;
                return Decision.allowed(remaining, untilFull(remaining, limit));
            }
            long nanos;
            try {
                nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            } catch (RuntimeException e) {
                nanos = limit.perToken().toNanos();
            }
            Duration wait = Duration.ofNanos(Math.max(1, nanos));
            refusedUntil = now.plus(wait);
            return Decision.refused(wait, limit.per());
        }
    }

    private Decision fallback(String key, Limit limit, RuntimeException failure) {
        storeErrors.increment();
        Instant now = clock.instant();
        if (Duration.between(lastWarning, now).compareTo(WARN_EVERY) >= 0) {
            lastWarning = now;
            log.atWarn()
                    .setCause(failure)
                    .log("The rate-limit store is failing: each node limits on its own until it is back");
        }
        Bucket local = fallbacks.get(
                key + '|' + limit,
                ignored -> Bucket.builder()
                        .addLimit(bandwidth(limit))
                        .withCustomTimePrecision(time)
                        .build());
        var probe = local.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Decision.allowed(probe.getRemainingTokens(), untilFull(probe.getRemainingTokens(), limit));
        }
        return Decision.refused(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())), limit.per());
    }
}
