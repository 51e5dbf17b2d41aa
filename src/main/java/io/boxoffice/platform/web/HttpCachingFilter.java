package io.boxoffice.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets {@code Cache-Control} on API reads: shared caches may keep public catalogue reads but must
 * revalidate them (with the ETag) every time; anything personal or signed-in is never stored.
 */
class HttpCachingFilter extends OncePerRequestFilter {

    static final String PUBLIC_REVALIDATE = "public, max-age=0, must-revalidate";
    static final String PRIVATE = "private, no-store";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, isPublicRead(request) ? PUBLIC_REVALIDATE : PRIVATE);
        chain.doFilter(request, response);
    }

    private static boolean isPublicRead(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return false;
        }
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return false;
        }
        String path = request.getRequestURI();
        return path.startsWith("/api/v1/events") || path.startsWith("/api/v1/venues");
    }
}
