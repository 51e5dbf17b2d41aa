package io.boxoffice.platform.cache;

import io.boxoffice.platform.database.Lsn;
import io.boxoffice.platform.database.PositionedReads;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Loads one cache's entries when the near tier has none good enough: from Redis when another node
 * has put a value recent enough there, else from the database. Across nodes one loads a key at a
 * time: the node that wins a short lease in Redis reads the database and shares the value; the
 * others poll Redis for it while the lease lasts, and load it themselves if the lease ends
 * without one. Without Redis (or while its breaker is open) every load reads the database.
 */
final class TieredLoader {

    /** The position before any write: the floor and generation of a cache that has heard of none. */
    static final Lsn ORIGIN = new Lsn(0);

    private static final long POLL_MILLIS = 5;

    private final CacheSpec spec;
    private final CacheSettings settings;
    private final SharedKeys keys;
    private final PositionedReads reads;
    private final @Nullable RedisTier redis;
    private final Function<Object, byte[]> render;
    private final CacheMeters meters;
    private final Clock clock;

    TieredLoader(
            CacheSpec spec,
            CacheSettings settings,
            PositionedReads reads,
            @Nullable RedisTier redis,
            Function<Object, byte[]> render,
            CacheMeters meters,
            Clock clock) {
        this.spec = spec;
        this.settings = settings;
        this.keys = new SharedKeys(spec.name());
        this.reads = reads;
        this.redis = redis;
        this.render = render;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * The entry for {@code key} at or past {@code required}, and fresh if {@code needFresh}: from
     * Redis (under {@code generation}) if it has one, else read by {@code loader} and shared.
     */
    Cached load(String key, Supplier<@Nullable Object> loader, Lsn required, Lsn generation, boolean needFresh) {
        if (redis == null || !redis.usable()) {
            return fromDatabase(key, loader, required);
        }
        String valueKey = keys.value(generation, key);
        Cached shared = fromRedis(key, valueKey, required, needFresh);
        if (shared != null) {
            meters.loadedFromRedis(true);
            return shared;
        }
        meters.missedInRedis();
        String leaseKey = keys.lease(key);
        return switch (redis.lease(leaseKey, settings.leaseTime())) {
            case ACQUIRED -> {
                try {
                    // a node whose lease ended between our miss and our lease has stored the value
                    shared = fromRedis(key, valueKey, required, needFresh);
                    if (shared != null) {
                        meters.loadedFromRedis(false);
                        yield shared;
                    }
                    yield fromDatabaseShared(key, valueKey, loader, required);
                } finally {
                    redis.release(leaseKey);
                }
            }
            case HELD_ELSEWHERE -> {
                shared = awaitAnotherNode(key, valueKey, leaseKey, required, needFresh);
                if (shared != null) {
                    meters.loadedFromRedis(false);
                    yield shared;
                }
                yield fromDatabaseShared(key, valueKey, loader, required);
            }
            default -> fromDatabase(key, loader, required);
        };
    }

    /** The value straight from {@code loader}, for a cache that is switched off: no tier, no position. */
    Cached readThrough(String key, Supplier<@Nullable Object> loader) {
        Object value = loader.get();
        return new Cached(key, value == null ? null : render.apply(value), ORIGIN, clock.millis(), false);
    }

    boolean isFresh(Cached entry) {
        return clock.millis() - entry.loadedAt() < spec.fresh().toMillis();
    }

    /** Another node holds the load lease: its value, if it shares one while its lease lasts; else null. */
    private @Nullable Cached awaitAnotherNode(
            String key, String valueKey, String leaseKey, Lsn required, boolean needFresh) {
        RedisTier tier = redis;
        long deadline = System.nanoTime() + settings.leaseWait().toNanos();
        while (tier != null && System.nanoTime() < deadline && tier.usable()) {
            pause();
            Cached shared = fromRedis(key, valueKey, required, needFresh);
            if (shared != null) {
                return shared;
            }
            if (!tier.exists(leaseKey)) { // released: with the value, or its load failed or was refused
                return fromRedis(key, valueKey, required, needFresh);
            }
        }
        return null;
    }

    private @Nullable Cached fromRedis(String key, String valueKey, Lsn required, boolean needFresh) {
        Cached shared = redis == null ? null : CacheCodec.decode(key, redis.get(valueKey));
        if (shared == null || !shared.position().atLeast(required) || (needFresh && !isFresh(shared))) {
            return null;
        }
        return shared;
    }

    private Cached fromDatabaseShared(String key, String valueKey, Supplier<@Nullable Object> loader, Lsn required) {
        Cached loaded = fromDatabase(key, loader, required);
        if (redis != null) {
            redis.put(
                    valueKey,
                    keys.floor(key),
                    keys.generation(),
                    loaded.position().token(),
                    CacheCodec.encode(loaded),
                    spec.lifetime());
        }
        return loaded;
    }

    private Cached fromDatabase(String key, Supplier<@Nullable Object> loader, Lsn required) {
        PositionedReads.Positioned<@Nullable Object> read = reads.read(required, loader);
        meters.loadedFromDatabase();
        Object value = read.value();
        return new Cached(key, value == null ? null : render.apply(value), read.position(), clock.millis(), false);
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
