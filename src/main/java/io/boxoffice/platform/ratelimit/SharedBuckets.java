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
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets every node shares, kept in a Bucket4j store (PostgreSQL or Redis), with local
 * pre-allocation so neither a hot key nor a crowd of new clients makes the store the bottleneck.
 *
 * <p>A node takes tokens from the shared bucket a share of its capacity at a time (the chunk, at
 * least one; five chunks while the bucket is at least half full) and spends them locally without
 * locks. It refills in the background once its local
 * tokens are spent, one store call in flight per key. While the shared bucket is known to hold at
 * least a chunk, a node may run up to a chunk ahead of its refills (a client's first request does
 * not wait for the store, and the next refill charges what was spent); once the shared bucket is
 * nearly empty it stops running ahead and asks the store before each allowance, so near the limit
 * the count is exact. The fleet can thus allow up to one chunk per node more than the limit when
 * the bucket empties between two refills, and less than the limit by what a node took and did not
 * spend. A refused key is refused locally until the bucket can have a token again, so a client
 * hammering a closed bucket costs no store calls.
 *
 * <p>When the store fails, each node falls back to a bucket of its own with the same limit, and
 * skips the store for a few seconds before trying it again, so requests do not each wait for its
 * timeout: the fleet then allows up to N times the limit, and requests keep being served.
 */
final class SharedBuckets {

    private static final Logger log = LoggerFactory.getLogger(SharedBuckets.class);
    private static final Duration WARN_EVERY = Duration.ofSeconds(30);
    /** After a failed store call, how long every node-local decision skips the store. */
    private static final Duration STORE_BACKOFF = Duration.ofSeconds(5);
    /** Chunks a refill takes at once while the shared bucket is at least half full. */
    private static final long WHILE_PLENTY = 5;
    /** Store calls one node makes at once for background refills; more wait their turn. */
    private static final int REFILLS_IN_FLIGHT = 16;

    private final ProxyManager<String> store;
    private final Clock clock;
    private final TimeMeter time;
    private final double prefetch;
    private final Cache<String, Allowance> allowances;
    private final Cache<String, Bucket> fallbacks;
    private final Counter storeErrors;
    private final Semaphore refillSlots = new Semaphore(REFILLS_IN_FLIGHT);
    private final Executor refills = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger refillsInFlight = new AtomicInteger();
    private volatile Instant lastWarning = Instant.EPOCH;
    private volatile Instant storeDownUntil = Instant.EPOCH;

    SharedBuckets(ProxyManager<String> store, Clock clock, double prefetch, MeterRegistry meters) {
        this.store = store;
        this.clock = clock;
        this.time = timeMeter(clock);
        this.prefetch = prefetch;
        this.allowances = Caffeine.newBuilder()
                .ticker(time::currentTimeNanos)
                .maximumSize(200_000)
                .expireAfterAccess(Duration.ofMinutes(15))
                .build();
        this.fallbacks = Caffeine.newBuilder()
                .ticker(time::currentTimeNanos)
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

    /** Takes one token from the bucket {@code key} under {@code limit}, running ahead of the store when it may. */
    Decision acquire(String key, Limit limit) {
        return allowances.get(key, ignored -> new Allowance(key, limit)).acquire(true);
    }

    /** Like {@link #acquire}, never running ahead: for limits where one request too many matters (sign-ins). */
    Decision acquireStrictly(String key, Limit limit) {
        return allowances.get(key, ignored -> new Allowance(key, limit)).acquire(false);
    }

    private static Bandwidth bandwidth(Limit limit) {
        return Bandwidth.builder()
                .capacity(limit.requests())
                .refillGreedy(limit.requests(), limit.per())
                .build();
    }

    /** How long until a bucket with {@code remaining} tokens is full (plain arithmetic: it runs per request). */
    private static Duration untilFull(long remaining, Limit limit) {
        double nanosPerToken = (double) limit.per().toNanos() / limit.requests();
        return Duration.ofNanos((long)
                Math.min(Long.MAX_VALUE, Math.max(0, limit.requests() - remaining) * nanosPerToken));
    }

    /**
     * Whether no background refill is scheduled or running. Bucket4j measures a store call's
     * timeout with the buckets' clock, so a clock that jumps during a call (a test moving its
     * clock; NTP stepping a wall clock) makes the call look too slow, and the node then limits on
     * its own for a few seconds: tests that move the clock wait for this first.
     */
    boolean idle() {
        return refillsInFlight.get() == 0;
    }

    /** What one node holds for one key: tokens taken from the store and not yet spent. */
    private final class Allowance {

        private final String key;
        private final Limit limit;
        private final long chunk;
        private final BucketProxy bucket;
        /** Local tokens; below zero, what was spent ahead of the store and the next refill pays. */
        private final AtomicLong balance = new AtomicLong();

        private final AtomicBoolean refilling = new AtomicBoolean();
        private final ReentrantLock storeCalls = new ReentrantLock();
        /** How far the balance may go below zero: a chunk while the shared bucket has plenty, else 0. */
        private volatile long credit;

        private volatile long sharedRemaining;
        private volatile Instant refusedUntil = Instant.EPOCH;

        Allowance(String key, Limit limit) {
            this.key = key;
            this.limit = limit;
            this.chunk = Math.max(1, (long) Math.floor(limit.requests() * prefetch));
            this.bucket = store.builder()
                    // a changed limit replaces the stored configuration instead of being ignored
                    .withImplicitConfigurationReplacement(
                            limit.hashCode() & 0x7fffffffL, TokensInheritanceStrategy.AS_IS)
                    .build(
                            key,
                            () -> BucketConfiguration.builder()
                                    .addLimit(bandwidth(limit))
                                    .build());
            this.credit = chunk;
            this.sharedRemaining = limit.requests();
        }

        Decision acquire(boolean mayRunAhead) {
            Decision taken = takeLocally(mayRunAhead);
            if (taken != null) {
                return taken;
            }
            Instant now = clock.instant();
            if (now.isBefore(refusedUntil)) {
                return Decision.refused(Duration.between(now, refusedUntil), limit.per());
            }
            if (now.isBefore(storeDownUntil)) {
                return fallback(key, limit); // do not make every request wait for a failing store's timeout
            }
            // out of local tokens: ask the store now (or wait for the refill already asking)
            storeCalls.lock();
            try {
                taken = takeLocally(mayRunAhead);
                if (taken != null) {
                    return taken;
                }
                if (!refill()) {
                    return fallback(key, limit);
                }
                taken = takeLocally(false);
                if (taken != null) {
                    return taken;
                }
                now = clock.instant();
                return Decision.refused(Duration.between(now, refusedUntil).abs(), limit.per());
            } finally {
                storeCalls.unlock();
            }
        }

        /** Spends one local token (or one of credit), or returns null when there is none to spend. */
        private Decision takeLocally(boolean mayRunAhead) {
            long floor = mayRunAhead ? -credit : 0;
            while (true) {
                long current = balance.get();
                if (current <= floor) {
                    return null;
                }
                if (balance.compareAndSet(current, current - 1)) {
                    // read before the refill this may start: a refill that finished first would move
                    // the shared tokens into the balance, and this stale balance would miss them
                    long remaining = Math.max(0, sharedRemaining + current - 1);
                    if (current - 1 <= 0) {
                        refillInBackground();
                    }
                    return Decision.allowed(remaining, untilFull(remaining, limit));
                }
            }
        }

        private void refillInBackground() {
            if (!refilling.compareAndSet(false, true)) {
                return;
            }
            refillsInFlight.incrementAndGet();
            refills.execute(() -> {
                try {
                    refillSlots.acquireUninterruptibly();
                    try {
                        storeCalls.lock();
                        try {
                            if (balance.get() <= 0 && !clock.instant().isBefore(storeDownUntil)) {
                                refill();
                            }
                        } finally {
                            storeCalls.unlock();
                        }
                    } finally {
                        refillSlots.release();
                    }
                } finally {
                    refilling.set(false);
                    refillsInFlight.decrementAndGet();
                }
            });
        }

        /**
         * One store call, holding {@link #storeCalls}: takes a chunk plus what was spent ahead;
         * returns false when the store failed.
         */
        private boolean refill() {
            long owed = Math.max(0, -balance.get());
            // while the shared bucket is at least half full, take several chunks at once: store
            // calls are the cost, and tokens a node holds but does not spend only under-allow
            long share = sharedRemaining >= limit.requests() / 2 ? chunk * WHILE_PLENTY : chunk;
            long want = share + owed;
            VerboseResult<Long> taken;
            try {
                taken = bucket.asVerbose().tryConsumeAsMuchAsPossible(want);
            } catch (RuntimeException e) {
                storeFailed(e);
                return false;
            }
            long got = taken.getValue();
            long available = taken.getDiagnostics().getAvailableTokens();
            sharedRemaining = available;
            balance.addAndGet(got);
            credit = got == want && available >= chunk ? chunk : 0;
            if (balance.get() <= 0) {
                long nanos;
                try {
                    nanos = bucket.estimateAbilityToConsume(1 - Math.min(0, balance.get()))
                            .getNanosToWaitForRefill();
                } catch (RuntimeException e) {
                    nanos = limit.perToken().toNanos();
                }
                refusedUntil = clock.instant().plusNanos(Math.max(1, nanos));
            }
            return true;
        }
    }

    private void storeFailed(RuntimeException failure) {
        storeErrors.increment();
        Instant now = clock.instant();
        storeDownUntil = now.plus(STORE_BACKOFF);
        if (Duration.between(lastWarning, now).compareTo(WARN_EVERY) >= 0) {
            lastWarning = now;
            log.atWarn()
                    .setCause(failure)
                    .log("The rate-limit store is failing: each node limits on its own until it is back");
        }
    }

    private Decision fallback(String key, Limit limit) {
        Bucket local = fallbacks.get(
                key,
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
