package io.boxoffice.platform.overload;

import io.boxoffice.platform.security.PagePaths;
import io.boxoffice.platform.web.BusyPage;
import io.boxoffice.platform.web.ProblemWriter;
import io.boxoffice.platform.web.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sheds load before it queues: counts the node's API requests in flight and the requests waiting
 * for a database connection, and past the thresholds of {@link OverloadSettings} answers the least
 * valuable classes with 503 and {@code Retry-After}, so that checkout and check-in keep the node's
 * capacity during an on-sale storm of browsing. It runs after the response cache (a cached read
 * costs almost nothing, so it is never shed) and before security and Spring MVC (a shed request
 * costs almost nothing either).
 */
final class LoadShedder extends OncePerRequestFilter {

    private static final long POOL_LOOKUP_INTERVAL_NANOS = 5_000_000_000L;

    private final OverloadSettings settings;
    private final ProblemWriter problems;
    private final MeterRegistry meters;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<RequestPriority, Counter> shed = new EnumMap<>(RequestPriority.class);
    private volatile List<Gauge> pools = List.of();
    private volatile long poolsFoundAt = System.nanoTime() - POOL_LOOKUP_INTERVAL_NANOS - 1;

    LoadShedder(OverloadSettings settings, ProblemWriter problems, MeterRegistry meters) {
        this.settings = settings;
        this.problems = problems;
        this.meters = meters;
        for (RequestPriority priority : RequestPriority.values()) {
            shed.put(
                    priority,
                    Counter.builder("boxoffice.load.shed")
                            .description("API requests answered 503 because the node was overloaded")
                            .tag("class", priority.label())
                            .register(meters));
        }
        Gauge.builder("boxoffice.load.in_flight", inFlight, AtomicInteger::get)
                .description("API requests in flight on the node, as the load shedder counts them")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !settings.enabled() || !(path.startsWith("/api/") || PagePaths.rendered(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestPriority priority = RequestPriority.of(request);
        int current = inFlight.incrementAndGet();
        try {
            if (overloaded(priority, current)) {
                shed.get(priority).increment();
                long seconds = Math.max(1, settings.retryAfter().toSeconds());
                if (PagePaths.rendered(request.getRequestURI())) {
                    BusyPage.write(
                            request,
                            response,
                            HttpStatus.SERVICE_UNAVAILABLE.value(),
                            seconds,
                            "So many people are buying tickets right now that we are answering them first.");
                    return;
                }
                problems.writeRetryLater(
                        response,
                        Problems.of(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "overloaded",
                                "The service is busy serving buyers; try again in " + seconds + " s."),
                        seconds);
                return;
            }
            chain.doFilter(request, response);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private boolean overloaded(RequestPriority priority, int current) {
        return switch (priority) {
            case CRITICAL -> current > settings.criticalInFlight();
            case OTHER -> current > settings.otherInFlight() || poolWaiting() > settings.otherPoolWaiting();
            case BROWSE -> current > settings.browseInFlight() || poolWaiting() > settings.browsePoolWaiting();
        };
    }

    /**
     * Requests waiting for a connection now, over every pool (primary and replicas). The pools'
     * gauges are looked up again every few seconds, not per request: a registry search walks every
     * meter, and replica pools come and go.
     */
    private int poolWaiting() {
        long now = System.nanoTime();
        if (now - poolsFoundAt > POOL_LOOKUP_INTERVAL_NANOS) {
            pools = List.copyOf(meters.find("hikaricp.connections.pending").gauges());
            poolsFoundAt = now;
        }
        double total = 0;
        for (Gauge gauge : pools) {
            total += gauge.value();
        }
        return (int) total;
    }
}
