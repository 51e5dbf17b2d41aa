package io.boxoffice.platform.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.boxoffice.platform.database.Lsn;
import io.boxoffice.platform.database.PositionedReads;
import io.boxoffice.platform.database.WritePositions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the named caches and carries what they share: the database reads, the Redis tier (when
 * configured) and the invalidation bus between nodes (Redis pub/sub with Redis, PostgreSQL
 * LISTEN/NOTIFY without). Invalidations from other nodes are applied in arrival order on one
 * thread; background reloads run on virtual threads.
 */
public final class Caches implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Caches.class);

    private final String node = UUID.randomUUID().toString();
    private final Map<String, SharedCache> byName = new ConcurrentHashMap<>();
    private final CacheSettings settings;
    private final PositionedReads reads;
    private final WritePositions positions;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final @Nullable RedisTier redis;
    private final @Nullable PostgresBus postgres;
    private final Clock clock;
    private final Ticker ticker;
    private final ExecutorService arrivals = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("cache-invalidations").factory());
    private final ExecutorService reloads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore reloadPermits;
    private final Counter reloadsSkipped;

    Caches(
            CacheSettings settings,
            PositionedReads reads,
            WritePositions positions,
            JsonMapper json,
            MeterRegistry meters,
            @Nullable RedisTier redis,
            @Nullable PostgresBus postgres,
            Clock clock,
            Ticker ticker) {
        this.settings = settings;
        this.reads = reads;
        this.positions = positions;
        this.json = json;
        this.meters = meters;
        this.redis = redis;
        this.postgres = postgres;
        this.clock = clock;
        this.ticker = ticker;
        this.reloadPermits = new Semaphore(settings.backgroundReloads());
        this.reloadsSkipped = Counter.builder("boxoffice.cache.reloads.skipped")
                .description("Background reloads not started because boxoffice.cache.background-reloads were running")
                .register(meters);
        if (redis != null) {
            redis.start(this::arrived, this::returned);
        } else if (postgres != null) {
            postgres.start(this::arrived, this::returned);
        }
    }

    /**
     * Creates the cache {@code spec} describes; one per name. Its entries age by the application's
     * clock and the ticker read from it, so a test that moves the clock ages them.
     */
    public SharedCache create(CacheSpec spec) {
        CacheMeters cacheMeters = new CacheMeters(spec.name(), meters);
        TieredLoader tiers =
                new TieredLoader(spec, settings, reads, redis, json::writeValueAsBytes, cacheMeters, clock);
        SharedCache cache = new SharedCache(spec, this, tiers, cacheMeters, ticker);
        CacheMeters.monitorNear(cache.near(), spec.name(), meters);
        if (byName.putIfAbsent(spec.name(), cache) != null) {
            throw new IllegalStateException("a cache named " + spec.name() + " exists already");
        }
        adoptSharedGeneration(cache);
        return cache;
    }

    /**
     * Makes an invalidation once the current transaction commits (at once without one). All the
     * invalidations of one transaction are made together, right after its commit, at one position
     * of the primary read once; a rolled-back transaction makes none.
     */
    void onCommit(SharedCache cache, Invalidation.Kind kind, String key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            cache.invalidate(kind, key, null);
            return;
        }
        CommitInvalidations pending = (CommitInvalidations) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new CommitInvalidations();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.invalidations.add(new Pending(cache, kind, key));
    }

    private record Pending(SharedCache cache, Invalidation.Kind kind, String key) {}

    private final class CommitInvalidations implements TransactionSynchronization {

        private final Set<Pending> invalidations = new LinkedHashSet<>();

        @Override
        public void afterCommit() {
            Lsn at = null;
            Map<Invalidation, SharedCache> made = new LinkedHashMap<>();
            for (Pending pending : invalidations) {
                try {
                    Invalidation message = pending.cache().invalidateHere(pending.kind(), pending.key(), at);
                    at = message.position();
                    made.put(message, pending.cache());
                } catch (RuntimeException e) {
                    log.atWarn()
                            .log(
                                    "{} {} not invalidated: {}",
                                    pending.cache().spec().name(),
                                    pending.key(),
                                    e.getMessage());
                }
            }
            if (redis == null) {
                publish(List.copyOf(made.keySet())); // a few NOTIFYs for the lot
            } else {
                made.forEach((message, cache) -> broadcast(cache, message));
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(Caches.this);
        }
    }

    /** A message from another node: one invalidation per line. */
    private void arrived(String text) {
        arrivals.execute(() -> {
            for (String line : text.split("\n")) {
                Invalidation message = Invalidation.decode(line);
                if (message == null || message.origin().equals(node)) {
                    continue;
                }
                SharedCache cache = byName.get(message.cache());
                if (cache != null) {
                    cache.receive(message);
                }
            }
        });
    }

    /**
     * Redis (or the LISTEN connection) is back after an outage: invalidations may have been missed,
     * so every near cache is dropped; with Redis, every cache also moves to a new generation, since
     * values in Redis may have missed the deletes made while it was unreachable.
     */
    private void returned() {
        arrivals.execute(() -> {
            for (SharedCache cache : byName.values()) {
                cache.dropNear();
                if (redis != null && redis.usable()) { // else the breaker's closing comes back here
                    try {
                        cache.evictAll(null);
                    } catch (RuntimeException e) {
                        log.atWarn()
                                .log(
                                        "could not start a new generation of {}: {}",
                                        cache.spec().name(),
                                        e.getMessage());
                    }
                }
            }
        });
    }

    private void adoptSharedGeneration(SharedCache cache) {
        if (redis == null) {
            return;
        }
        String shared = redis.text(cache.keys().generation());
        Lsn generation = shared == null ? null : Lsn.fromToken(shared);
        if (generation != null) {
            cache.adoptGeneration(generation);
        }
    }

    /** Sends a local invalidation to the other nodes (and applies it to Redis's own copy). */
    void broadcast(SharedCache cache, Invalidation message) {
        if (redis != null) {
            boolean told = message.kind() == Invalidation.Kind.GENERATION
                    ? redis.newGeneration(cache.keys().generation(), message)
                    : redis.invalidate(
                            cache.valueKey(message.key()),
                            cache.keys().floor(message.key()),
                            cache.spec().lifetime().multipliedBy(2),
                            message);
            if (!told) {
                log.atWarn()
                        .log(
                                "Redis unreachable: other nodes hear of this {} invalidation when it returns",
                                cache.spec().name());
            }
        } else if (postgres != null) {
            publish(List.of(message));
        }
    }

    private void publish(List<Invalidation> messages) {
        if (postgres == null || messages.isEmpty()) {
            return;
        }
        try {
            postgres.publish(messages);
        } catch (RuntimeException e) {
            log.atWarn().log("could not notify other nodes of {} invalidations: {}", messages.size(), e.getMessage());
        }
    }

    String node() {
        return node;
    }

    CacheSettings settings() {
        return settings;
    }

    @Nullable
    RedisTier redis() {
        return redis;
    }

    Lsn primaryPosition() {
        return positions.current();
    }

    /**
     * Runs a background reload if fewer than {@code background-reloads} run; returns false, and
     * runs nothing, if as many already do.
     */
    boolean background(Runnable task) {
        if (!reloadPermits.tryAcquire()) {
            reloadsSkipped.increment();
            return false;
        }
        try {
            reloads.execute(() -> {
                try {
                    task.run();
                } finally {
                    reloadPermits.release();
                }
            });
            return true;
        } catch (RejectedExecutionException e) { // shutting down
            reloadPermits.release();
            return false;
        }
    }

    @Override
    public void destroy() {
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        arrivals.shutdownNow();
        reloads.shutdownNow();
    }
}
