package io.boxoffice.platform.cache;

import io.boxoffice.platform.database.DatabaseRouting;
import io.boxoffice.platform.security.SecurityHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The cache's front door: an anonymous GET of a URL a controller has already answered from a
 * cache is answered here, from the same near-cache entry, before security and Spring MVC run — if
 * the entry is fresh, not marked stale and at or past the request's Consistency-Token. Anything
 * else (a miss, a stale entry, a signed-in request, a URL not seen yet) goes on to the controller,
 * which loads, reloads and decides as usual; this filter never loads anything. It runs before the
 * compression filter, which would otherwise buffer every hit of a client that accepts gzip: the
 * entry already holds the compressed bodies, and this filter sends the {@code Vary} that filter
 * sends. The headers are the ones the full path sends; {@code HttpCachingTests} compares the two.
 */
final class CachedResponseFilter extends OncePerRequestFilter {

    private final CachedResponses responses;

    CachedResponseFilter(CachedResponses responses) {
        this.responses = responses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean head = "HEAD".equals(request.getMethod());
        if ((!head && !"GET".equals(request.getMethod())) || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            chain.doFilter(request, response);
            return;
        }
        CachedResponses.Route route = responses.route(request);
        Cached entry = route == null ? null : route.cache().servable(route.key(), DatabaseRouting.requiredPosition());
        if (entry == null) {
            chain.doFilter(request, response);
            return;
        }
        if (route.pattern() != null) {
            ServerHttpObservationFilter.findObservationContext(request)
                    .ifPresent(context -> context.setPathPattern(route.pattern()));
        }
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        response.setHeader(HttpHeaders.CACHE_CONTROL, route.cache().spec().cacheControl());
        response.setHeader(HttpHeaders.ETAG, entry.etag());
        SecurityHeaders.write(response, request.isSecure());
        if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), entry.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        String encoding = responses.encodingFor(request, entry);
        byte[] body = encoding == null ? entry.body() : entry.body(encoding);
        if (encoding != null) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, encoding);
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }

    /** {@code If-None-Match} by weak comparison, as RFC 9110 asks for it. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || opaque(tag).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
