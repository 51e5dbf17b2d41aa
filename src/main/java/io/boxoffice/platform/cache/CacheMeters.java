package io.boxoffice.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.EnumMap;
import java.util.Map;

/**
 * One cache's meters, all tagged {@code cache=<name>}: the near tier's Caffeine statistics
 * ({@code cache.gets}, {@code cache.size}, …), where loaded values came from
 * ({@code boxoffice.cache.loads}), look-ups in Redis ({@code boxoffice.cache.shared.gets}) and
 * invalidations applied ({@code boxoffice.cache.invalidations}). docs/caching.md lists them.
 */
final class CacheMeters {

    private final String cache;
    private final Counter databaseLoads;
    private final Counter sharedLoads;
    private final Counter sharedHits;
    private final Counter sharedMisses;
    private final Map<Invalidation.Kind, Counter> local = new EnumMap<>(Invalidation.Kind.class);
    private final Map<Invalidation.Kind, Counter> remote = new EnumMap<>(Invalidation.Kind.class);

    CacheMeters(String cache, MeterRegistry meters) {
        this.cache = cache;
        this.databaseLoads = loads("database", meters);
        this.sharedLoads = loads("redis", meters);
        this.sharedHits = sharedGets("hit", meters);
        this.sharedMisses = sharedGets("miss", meters);
        for (Invalidation.Kind kind : Invalidation.Kind.values()) {
            local.put(kind, invalidations(kind, "local", meters));
            remote.put(kind, invalidations(kind, "remote", meters));
        }
    }

    /** Reports the near tier's statistics (it must record them) under this cache's name. */
    static void monitorNear(Cache<?, ?> near, String cache, MeterRegistry meters) {
        CaffeineCacheMetrics.monitor(meters, near, cache);
    }

    /** A value read from the database. */
    void loadedFromDatabase() {
        databaseLoads.increment();
    }

    /** A value another node had put in Redis; {@code firstLook} when this node's first look found it. */
    void loadedFromRedis(boolean firstLook) {
        if (firstLook) {
            sharedHits.increment();
        }
        sharedLoads.increment();
    }

    /** The first look in Redis found nothing usable. */
    void missedInRedis() {
        sharedMisses.increment();
    }

    void invalidated(Invalidation.Kind kind, boolean heardFromAnotherNode) {
        (heardFromAnotherNode ? remote : local).get(kind).increment();
    }

    private Counter loads(String source, MeterRegistry meters) {
        return Counter.builder("boxoffice.cache.loads")
                .tag("cache", cache)
                .tag("source", source)
                .description("Values loaded into a near cache, by where they came from")
                .register(meters);
    }

    private Counter sharedGets(String result, MeterRegistry meters) {
        return Counter.builder("boxoffice.cache.shared.gets")
                .tag("cache", cache)
                .tag("result", result)
                .description("Look-ups in the Redis tier")
                .register(meters);
    }

    private Counter invalidations(Invalidation.Kind kind, String origin, MeterRegistry meters) {
        return Counter.builder("boxoffice.cache.invalidations")
                .tag("cache", cache)
                .tag("kind", kind.name().toLowerCase())
                .tag("origin", origin)
                .description("Invalidations applied, made on this node (local) or heard from another (remote)")
                .register(meters);
    }
}
