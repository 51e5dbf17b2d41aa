package io.boxoffice.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.boxoffice.platform.web.Encodings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Cache entries as HTTP responses. A controller answers with {@link #respond}: the entry's bytes
 * (compressed once per entry), its ETag, the cache's {@code Cache-Control}, or a 304. For an
 * anonymous request it also remembers that the URL is that entry, so that the next anonymous
 * request for it can be answered by {@link CachedResponseFilter} before security and Spring MVC.
 */
public final class CachedResponses {

    private final Cache<String, Route> routes =
            Caffeine.newBuilder().maximumSize(100_000).build();
    private final long compressionMinSize;

    /** A URL whose anonymous answer is a cache entry: which cache, which key, which route pattern. */
    record Route(SharedCache cache, String key, @Nullable String pattern) {}

    CachedResponses(long compressionMinSize) {
        this.compressionMinSize = compressionMinSize;
    }

    /** A 200 with the entry's bytes, or a 304 when the client's {@code If-None-Match} matches. */
    public ResponseEntity<byte[]> respond(
            SharedCache cache, Cached entry, HttpServletRequest request, HttpServletResponse response) {
        ShallowEtagHeaderFilter.disableContentCaching(request);
        if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, cache.spec().cacheControl());
            Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            remember(uri(request), cache, entry.key(), pattern == null ? null : pattern.toString());
        }
        String encoding = encodingFor(request, entry);
        ResponseEntity.BodyBuilder ok =
                ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).eTag(entry.etag());
        if (encoding == null) {
            return ok.body(entry.body());
        }
        return ok.header(HttpHeaders.CONTENT_ENCODING, encoding).body(entry.body(encoding));
    }

    private void remember(String uri, SharedCache cache, String key, @Nullable String pattern) {
        Route known = routes.getIfPresent(uri);
        if (known == null || known.cache() != cache || !known.key().equals(key)) {
            routes.put(uri, new Route(cache, key, pattern));
        }
    }

    /** What {@code request}'s URL was last answered from, if an anonymous request was answered from a cache. */
    @Nullable
    Route route(HttpServletRequest request) {
        return route(uri(request));
    }

    /** What the path and query {@code uri} was last answered from, as {@link #route(HttpServletRequest)}. */
    @Nullable
    Route route(String uri) {
        return routes.getIfPresent(uri);
    }

    /**
     * The coding to send a cached body in, compressed once in the entry rather than per response
     * (the compression filter passes a body that has one through); null: as it is.
     */
    @Nullable
    String encodingFor(HttpServletRequest request, Cached entry) {
        if ("HEAD".equals(request.getMethod()) || entry.body().length < compressionMinSize) {
            return null;
        }
        return Encodings.choose(request.getHeader(HttpHeaders.ACCEPT_ENCODING)).orElse(null);
    }

    /** The request's path and query, as sent. */
    private static String uri(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }
}
