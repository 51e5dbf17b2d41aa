package io.boxoffice.platform.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * One log line per request, on logger {@code boxoffice.access}, after the response: method, route
 * (the matched pattern, so ids do not make every line unique), path, status and duration, with the
 * trace id the request's other lines carry. Never the query string, headers or body, where tokens
 * and personal data travel. Successful probes and scrapes are left out: a balancer checks every
 * node every second or two.
 */
final class AccessLog extends OncePerRequestFilter {

    static final String LOGGER = "boxoffice.access";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            write(request, response.getStatus(), started);
        }
    }

    private static void write(HttpServletRequest request, int status, long started) {
        String path = request.getRequestURI();
        if (status < 400 && isProbe(path)) {
            return;
        }
        double millis = (System.nanoTime() - started) / 1_000_000.0;
        String route = ServerHttpObservationFilter.findObservationContext(request)
                .map(ServerRequestObservationContext::getPathPattern)
                .orElse("-");
        log.atInfo()
                .addKeyValue("http.request.method", request.getMethod())
                .addKeyValue("http.route", route)
                .addKeyValue("url.path", path)
                .addKeyValue("http.response.status_code", status)
                .addKeyValue("event.duration_ms", Math.round(millis * 10) / 10.0)
                .log(
                        "{} {} {} {} ms path={}",
                        request.getMethod(),
                        route,
                        status,
                        String.format(Locale.ROOT, "%.1f", millis),
                        path);
    }

    private static boolean isProbe(String path) {
        return path.startsWith("/actuator/") || path.equals("/livez") || path.equals("/readyz");
    }
}
