package io.boxoffice.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.boxoffice.platform.database.DatabaseRouting;
import io.boxoffice.platform.database.Lsn;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named cache with two tiers: a bounded Caffeine near cache on this node, and Redis shared by
 * every node when it is configured. A read takes the near entry, else asks the {@link
 * TieredLoader} (Redis's entry, else the database's, one load per key at a time across nodes); on
 * a node one load per key runs at a time (Caffeine's per-key computation). Entries past their
 * fresh time are served while one background reload runs. Every load records the database
 * position it reflects; a request whose Consistency-Token is newer reloads rather than read an
 * older entry, and a load never stores a value older than an invalidation it has heard of.
 * Answering HTTP requests from entries is {@link CachedResponses}' part.
 */
public final class SharedCache {

    private static final Logger log = LoggerFactory.getLogger(SharedCache.class);

    private final CacheSpec spec;
    private final Caches caches;
    private final TieredLoader tiers;
    private final CacheMeters meters;
    private final SharedKeys keys;
    private final Cache<String, Cached> near;
    private final Cache<String, Lsn> floors;
    private final AtomicReference<Lsn> generation = new AtomicReference<>(TieredLoader.ORIGIN);
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    SharedCache(CacheSpec spec, Caches caches, TieredLoader tiers, CacheMeters meters, Ticker ticker) {
        this.spec = spec;
        this.caches = caches;
        this.tiers = tiers;
        this.meters = meters;
        this.keys = new SharedKeys(spec.name());
        this.near = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(spec.maxEntries())
                .expireAfterWrite(spec.lifetime())
                .recordStats()
                .build();
        this.floors = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(spec.maxEntries() * 4)
                .expireAfterWrite(spec.lifetime().multipliedBy(2))
                .build();
    }

    public CacheSpec spec() {
        return spec;
    }

    /** The near tier, for its statistics. */
    Cache<String, Cached> near() {
        return near;
    }

    SharedKeys keys() {
        return keys;
    }

    /**
     * Tells {@code listener} the key of every invalidation applied on this node, made here or heard
     * from another ({@code "*"} when every key is dropped): for values a module keeps itself, in a
     * form this cache's bytes do not suit, that must follow the same invalidations.
     */
    public void onInvalidation(Consumer<String> listener) {
        listeners.add(listener);
    }

    private void tell(String key) {
        listeners.forEach(listener -> listener.accept(key));
    }

    /**
     * The entry for {@code key}; {@code loader} reads the value (or null: nothing to show) when no
     * tier has one fresh enough. It may run on another thread, so it must not depend on the request.
     */
    public Cached get(String key, Supplier<@Nullable Object> loader) {
        Lsn token = DatabaseRouting.requiredPosition();
        if (!caches.settings().enabled()) { // straight through, as if there were no cache
            return tiers.readThrough(key, loader);
        }
        Cached entry = near.get(key, k -> fetch(k, loader, token, false));
        if (!entry.position().atLeast(token)) {
            entry = near.asMap()
                    .compute(
                            key,
                            (k, old) ->
                                    old != null && old.position().atLeast(token) ? old : fetch(k, loader, token, true));
        } else if (entry.stale() || !tiers.isFresh(entry)) {
            refreshLater(key, entry, loader);
        }
        return entry;
    }

    /**
     * The near entry for {@code key} if it may be served as it is to a request that must see
     * {@code token}: present, fresh, not marked stale, and at or past the token. Loads nothing.
     */
    @Nullable
    Cached servable(String key, @Nullable Lsn token) {
        if (!caches.settings().enabled()) {
            return null;
        }
        Cached entry = near.policy().getIfPresentQuietly(key);
        if (entry == null
                || !entry.present()
                || entry.stale()
                || !tiers.isFresh(entry)
                || !entry.position().atLeast(token)) {
            return null;
        }
        near.getIfPresent(key); // a hit, in the statistics
        return entry;
    }

    /**
     * The key's value is outdated from {@code at} on (null: the primary's position now, so call it
     * after the change committed): every node reloads it on its next read. Returns the position used.
     */
    public Lsn markStale(String key, @Nullable Lsn at) {
        return invalidate(Invalidation.Kind.STALE, key, at);
    }

    /** Every key is wrong from {@code at} on (null: now): the cache moves to a new generation everywhere. */
    Lsn evictAll(@Nullable Lsn at) {
        return invalidate(Invalidation.Kind.GENERATION, Invalidation.ALL_KEYS, at);
    }

    /**
     * Once the current transaction commits (at once without one): the key's value is wrong from
     * then on, and every node drops it. Made with the transaction's other invalidations.
     */
    public void evictOnCommit(String key) {
        caches.onCommit(this, Invalidation.Kind.EVICT, key);
    }

    /** {@link #evictAll}, once the current transaction commits, with the transaction's other invalidations. */
    public void evictAllOnCommit() {
        caches.onCommit(this, Invalidation.Kind.GENERATION, Invalidation.ALL_KEYS);
    }

    Lsn invalidate(Invalidation.Kind kind, String key, @Nullable Lsn at) {
        Invalidation message = invalidateHere(kind, key, at);
        caches.broadcast(this, message);
        return message.position();
    }

    /** Applies an invalidation on this node only; returns it, for the other nodes. */
    Invalidation invalidateHere(Invalidation.Kind kind, String key, @Nullable Lsn at) {
        Lsn position = at != null ? at : currentPosition();
        Invalidation message = new Invalidation(caches.node(), spec.name(), kind, position, key);
        apply(message);
        meters.invalidated(kind, false);
        return message;
    }

    /** The primary's position now; if it cannot be read, the invalidation still evicts, without a floor. */
    private Lsn currentPosition() {
        try {
            return caches.primaryPosition();
        } catch (RuntimeException e) {
            log.atWarn().log("invalidating {} without a position: {}", spec.name(), e.getMessage());
            return TieredLoader.ORIGIN;
        }
    }

    /** An invalidation another node made. */
    void receive(Invalidation message) {
        apply(message);
        meters.invalidated(message.kind(), true);
    }

    private void apply(Invalidation message) {
        switch (message.kind()) {
            case EVICT -> {
                raiseFloor(message.key(), message.position());
                near.invalidate(message.key());
            }
            case STALE -> {
                raiseFloor(message.key(), message.position());
                near.asMap().computeIfPresent(message.key(), (k, old) -> old.markedStale());
            }
            case GENERATION -> {
                generation.accumulateAndGet(message.position(), Lsn::max);
                near.invalidateAll();
            }
        }
        tell(message.key());
    }

    private void raiseFloor(String key, Lsn position) {
        floors.asMap().merge(key, position, Lsn::max);
    }

    /** Forgets every near entry: invalidations may have been missed while Redis or the listener was away. */
    void dropNear() {
        near.invalidateAll();
        tell(Invalidation.ALL_KEYS);
    }

    /** Adopts the shared generation when it is newer than this node's. */
    void adoptGeneration(Lsn shared) {
        if (generation.get().compareTo(shared) < 0) {
            generation.accumulateAndGet(shared, Lsn::max);
            near.invalidateAll();
            tell(Invalidation.ALL_KEYS);
        }
    }

    /** The Redis key of {@code key}'s value in the current generation. */
    String valueKey(String key) {
        return keys.value(generation.get(), key);
    }

    private void refreshLater(String key, Cached seen, Supplier<@Nullable Object> loader) {
        if (!refreshing.add(key)) {
            return;
        }
        boolean started = caches.background(() -> {
            try {
                Cached fresh = fetch(key, loader, null, true);
                near.asMap().replace(key, seen, fresh); // only if no invalidation or reload replaced it meanwhile
            } catch (RuntimeException e) {
                log.atWarn().log("background reload of {} {} failed: {}", spec.name(), key, e.getMessage());
            } finally {
                refreshing.remove(key);
            }
        });
        if (!started) { // as many reloads run as may: a later read asks again
            refreshing.remove(key);
        }
    }

    /** The entry from the other tiers, at or past the token, the key's floor and the generation. */
    private Cached fetch(String key, Supplier<@Nullable Object> loader, @Nullable Lsn token, boolean needFresh) {
        Lsn current = generation.get();
        Lsn required = Lsn.max(Lsn.max(token, floors.getIfPresent(key)), current);
        return tiers.load(key, loader, required, current, needFresh);
    }
}
