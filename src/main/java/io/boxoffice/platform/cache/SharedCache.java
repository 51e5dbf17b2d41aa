package io.boxoffice.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.boxoffice.platform.database.DatabaseRouting;
import io.boxoffice.platform.database.Lsn;
import io.boxoffice.platform.database.PositionedReads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One named cache with two tiers: a bounded Caffeine near cache on this node, and Redis shared by
 * every node when it is configured. A read takes the near entry, else Redis's, else loads from the
 * database: one load per key at a time on a node (Caffeine's per-key computation), and across
 * nodes one (a short lease in Redis; the others poll for its result). Entries past their fresh
 * time are served while one background reload runs. Every load records the database position it
 * reflects; a request whose Consistency-Token is newer reloads rather than read an older entry,
 * and a load never stores a value older than an invalidation it has heard of.
 */
public final class SharedCache {

    private static final Logger log = LoggerFactory.getLogger(SharedCache.class);
    private static final Lsn ORIGIN = new Lsn(0);
    private static final int HEADER = 33;

    private final CacheSpec spec;
    private final Caches caches;
    private final Cache<String, Cached> near;
    private final Cache<String, Lsn> floors;
    private final AtomicReference<Lsn> generation = new AtomicReference<>(ORIGIN);
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final Counter databaseLoads;
    private final Counter sharedLoads;
    private final Counter sharedHits;
    private final Counter sharedMisses;
    private final Map<Invalidation.Kind, Counter> localInvalidations = new EnumMap<>(Invalidation.Kind.class);
    private final Map<Invalidation.Kind, Counter> remoteInvalidations = new EnumMap<>(Invalidation.Kind.class);

    SharedCache(CacheSpec spec, Caches caches, MeterRegistry meters) {
        this.spec = spec;
        this.caches = caches;
        this.near = Caffeine.newBuilder()
                .maximumSize(spec.maxEntries())
                .expireAfterWrite(spec.lifetime())
                .recordStats()
                .build();
        this.floors = Caffeine.newBuilder()
                .maximumSize(spec.maxEntries() * 4)
                .expireAfterWrite(spec.lifetime().multipliedBy(2))
                .build();
        CaffeineCacheMetrics.monitor(meters, near, spec.name());
        this.databaseLoads = loads("database", meters);
        this.sharedLoads = loads("redis", meters);
        this.sharedHits = sharedGets("hit", meters);
        this.sharedMisses = sharedGets("miss", meters);
        for (Invalidation.Kind kind : Invalidation.Kind.values()) {
            localInvalidations.put(kind, invalidations(kind, "local", meters));
            remoteInvalidations.put(kind, invalidations(kind, "remote", meters));
        }
    }

    private Counter loads(String source, MeterRegistry meters) {
        return Counter.builder("boxoffice.cache.loads")
                .tag("cache", spec.name())
                .tag("source", source)
                .description("Values loaded into a near cache, by where they came from")
                .register(meters);
    }

    private Counter sharedGets(String result, MeterRegistry meters) {
        return Counter.builder("boxoffice.cache.shared.gets")
                .tag("cache", spec.name())
                .tag("result", result)
                .description("Look-ups in the Redis tier")
                .register(meters);
    }

    private Counter invalidations(Invalidation.Kind kind, String origin, MeterRegistry meters) {
        return Counter.builder("boxoffice.cache.invalidations")
                .tag("cache", spec.name())
                .tag("kind", kind.name().toLowerCase())
                .tag("origin", origin)
                .description("Invalidations applied, made on this node (local) or heard from another (remote)")
                .register(meters);
    }

    public CacheSpec spec() {
        return spec;
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
            Object value = loader.get();
            return new Cached(
                    key, value == null ? null : caches.render(value), ORIGIN, System.currentTimeMillis(), false);
        }
        Cached entry = near.get(key, k -> fetch(k, loader, token, false));
        if (!entry.position().atLeast(token)) {
            entry = near.asMap()
                    .compute(
                            key,
                            (k, old) ->
                                    old != null && old.position().atLeast(token) ? old : fetch(k, loader, token, true));
        } else if (entry.stale() || !isFresh(entry)) {
            refreshLater(key, entry, loader);
        }
        return entry;
    }

    /**
     * A 200 with the entry's bytes, or a 304 when the client's {@code If-None-Match} matches. For an
     * anonymous request it also remembers that this URL is this entry, so that the next anonymous
     * request for it can be answered before security and Spring MVC ({@link CachedResponseFilter}).
     */
    public ResponseEntity<byte[]> respond(Cached entry, HttpServletRequest request, HttpServletResponse response) {
        ShallowEtagHeaderFilter.disableContentCaching(request);
        if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, spec.cacheControl());
            Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            caches.remember(Caches.uri(request), this, entry.key(), pattern == null ? null : pattern.toString());
        }
        String encoding = caches.encodingFor(request, entry);
        ResponseEntity.BodyBuilder ok =
                ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).eTag(entry.etag());
        if (encoding == null) {
            return ok.body(entry.body());
        }
        return ok.header(HttpHeaders.CONTENT_ENCODING, encoding).body(entry.body(encoding));
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
                || !isFresh(entry)
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
        localInvalidations.get(kind).increment();
        return message;
    }

    /** The primary's position now; if it cannot be read, the invalidation still evicts, without a floor. */
    private Lsn currentPosition() {
        try {
            return caches.primaryPosition();
        } catch (RuntimeException e) {
            log.atWarn().log("invalidating {} without a position: {}", spec.name(), e.getMessage());
            return ORIGIN;
        }
    }

    /** An invalidation another node made. */
    void receive(Invalidation message) {
        apply(message);
        remoteInvalidations.get(message.kind()).increment();
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

    private boolean isFresh(Cached entry) {
        return System.currentTimeMillis() - entry.loadedAt() < spec.fresh().toMillis();
    }

    private void refreshLater(String key, Cached seen, Supplier<@Nullable Object> loader) {
        if (!refreshing.add(key)) {
            return;
        }
        caches.background(() -> {
            try {
                Cached fresh = fetch(key, loader, null, true);
                near.asMap().replace(key, seen, fresh); // only if no invalidation or reload replaced it meanwhile
            } catch (RuntimeException e) {
                log.atWarn().log("background reload of {} {} failed: {}", spec.name(), key, e.getMessage());
            } finally {
                refreshing.remove(key);
            }
        });
    }

    /** The value from Redis if it has one recent enough, else from the database (written back to Redis). */
    private Cached fetch(String key, Supplier<@Nullable Object> loader, @Nullable Lsn token, boolean needFresh) {
        Lsn required = Lsn.max(Lsn.max(token, floors.getIfPresent(key)), generation.get());
        RedisTier redis = caches.redis();
        if (redis == null || !redis.usable()) {
            return load(key, loader, required);
        }
        String valueKey = valueKey(key);
        Cached shared = acceptable(decode(key, redis.get(valueKey)), required, needFresh);
        if (shared != null) {
            sharedHits.increment();
            sharedLoads.increment();
            return shared;
        }
        sharedMisses.increment();
        String leaseKey = sharedKey("lease:" + key);
        switch (redis.lease(leaseKey, caches.settings().leaseTime())) {
            case ACQUIRED -> {
                try {
                    // a node whose lease ended between our miss and our lease has stored the value
                    shared = acceptable(decode(key, redis.get(valueKey)), required, needFresh);
                    if (shared != null) {
                        sharedLoads.increment();
                        return shared;
                    }
                    return loadAndShare(redis, key, loader, required);
                } finally {
                    redis.release(leaseKey);
                }
            }
            case HELD_ELSEWHERE -> {
                // another node is loading it: wait for its value while its lease lasts
                long deadline =
                        System.nanoTime() + caches.settings().leaseWait().toNanos();
                while (System.nanoTime() < deadline && redis.usable()) {
                    sleep();
                    shared = acceptable(decode(key, redis.get(valueKey)), required, needFresh);
                    if (shared != null) {
                        sharedLoads.increment();
                        return shared;
                    }
                    if (!redis.exists(leaseKey)) {
                        shared = acceptable(decode(key, redis.get(valueKey)), required, needFresh);
                        if (shared != null) {
                            sharedLoads.increment();
                            return shared;
                        }
                        break; // its load failed or was refused: load it here
                    }
                }
                return loadAndShare(redis, key, loader, required);
            }
            default -> {
                return load(key, loader, required);
            }
        }
    }

    private @Nullable Cached acceptable(@Nullable Cached shared, Lsn required, boolean needFresh) {
        if (shared == null || !shared.position().atLeast(required) || (needFresh && !isFresh(shared))) {
            return null;
        }
        return shared;
    }

    private Cached loadAndShare(RedisTier redis, String key, Supplier<@Nullable Object> loader, Lsn required) {
        Cached loaded = load(key, loader, required);
        redis.put(
                valueKey(key),
                sharedKey("floor:" + key),
                sharedKey("generation"),
                loaded.position().token(),
                encode(loaded),
                spec.lifetime());
        return loaded;
    }

    private Cached load(String key, Supplier<@Nullable Object> loader, Lsn required) {
        PositionedReads.Positioned<@Nullable Object> read = caches.reads().read(required, loader);
        databaseLoads.increment();
        Object value = read.value();
        byte[] body = value == null ? null : caches.render(value);
        return new Cached(key, body, read.position(), System.currentTimeMillis(), false);
    }

    String sharedKey(String suffix) {
        return "boxoffice:cache:" + spec.name() + ":" + suffix;
    }

    String valueKey(String key) {
        return sharedKey(generation.get().token() + ":" + key);
    }

    String floorKey(String key) {
        return sharedKey("floor:" + key);
    }

    private static byte[] encode(Cached entry) {
        byte[] body = entry.rawBody();
        byte[] header = (entry.position().token()
                        + String.format("%016x", entry.loadedAt())
                        + (body == null ? "0" : "1"))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] payload = Arrays.copyOf(header, HEADER + (body == null ? 0 : body.length));
        if (body != null) {
            System.arraycopy(body, 0, payload, HEADER, body.length);
        }
        return payload;
    }

    private static @Nullable Cached decode(String key, byte @Nullable [] payload) {
        if (payload == null || payload.length < HEADER) {
            return null;
        }
        String header = new String(payload, 0, HEADER, StandardCharsets.US_ASCII);
        Lsn position = Lsn.fromToken(header.substring(0, 16));
        if (position == null) {
            return null;
        }
        long loadedAt;
        try {
            loadedAt = Long.parseUnsignedLong(header.substring(16, 32), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        byte[] body = header.charAt(32) == '1' ? Arrays.copyOfRange(payload, HEADER, payload.length) : null;
        return new Cached(key, body, position, loadedAt, false);
    }

    private static void sleep() {
        try {
            TimeUnit.MILLISECONDS.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
