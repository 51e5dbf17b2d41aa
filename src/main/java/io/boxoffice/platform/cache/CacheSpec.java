package io.boxoffice.platform.cache;

import java.time.Duration;

/**
 * One cache's shape. An entry is fresh for {@code fresh}; after that, for {@code staleFor} more, it
 * is still served while one reload runs in the background (stale-while-revalidate); then it is
 * gone. Browsers and CDNs are told {@code httpMaxAge} and {@code httpStaleWhileRevalidate}: they
 * never hear of invalidations, so these bound how stale a shared cache outside Boxoffice can be.
 */
public record CacheSpec(
        String name,
        Duration fresh,
        Duration staleFor,
        long maxEntries,
        Duration httpMaxAge,
        Duration httpStaleWhileRevalidate) {

    public CacheSpec {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("cache names are lower-case words: " + name);
        }
    }

    /** How long an entry lives at all, fresh or stale. */
    Duration lifetime() {
        return fresh.plus(staleFor);
    }

    /** The {@code Cache-Control} of a public response from this cache. */
    public String cacheControl() {
        return "public, max-age=" + httpMaxAge.toSeconds() + ", stale-while-revalidate="
                + httpStaleWhileRevalidate.toSeconds();
    }
}
