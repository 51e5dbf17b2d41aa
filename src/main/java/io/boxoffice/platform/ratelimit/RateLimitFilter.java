package io.boxoffice.platform.ratelimit;

import io.boxoffice.platform.security.Caller;
import io.boxoffice.platform.security.Callers;
import io.boxoffice.platform.security.PagePaths;
import io.boxoffice.platform.security.SessionCookies;
import io.boxoffice.platform.web.BusyPage;
import io.boxoffice.platform.web.ProblemWriter;
import io.boxoffice.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits every {@code /api/} request and every rendered page by tier, class and client: a token
 * bucket shared by all nodes (see {@link SharedBuckets}), then the client's requests in flight on
 * this node. Every limited response carries the IETF draft's {@code RateLimit-Policy} and
 * {@code RateLimit}; a refused one is a 429 with {@code Retry-After}: a problem for the API, a
 * small page for a person ({@link BusyPage}).
 *
 * <p>Two instances run: one for requests without a token, as a servlet filter ahead of the
 * response cache (cached anonymous reads are answered before security runs, and must be limited
 * too), and one for requests with a token (a bearer token, or a page's session cookie), inside
 * both security chains right after the token is verified (the caller decides the tier).
 */
public final class RateLimitFilter extends OncePerRequestFilter {

    private final SharedBuckets buckets;
    private final ConcurrencyLimits concurrency;
    private final RateLimitSettings settings;
    private final RateLimitMetrics metrics;
    private final ProblemWriter problems;
    private final boolean bearerRequests;

    RateLimitFilter(
            boolean bearerRequests,
            SharedBuckets buckets,
            ConcurrencyLimits concurrency,
            RateLimitSettings settings,
            RateLimitMetrics metrics,
            ProblemWriter problems) {
        this.buckets = buckets;
        this.concurrency = concurrency;
        this.settings = settings;
        this.metrics = metrics;
        this.problems = problems;
        this.bearerRequests = bearerRequests;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        boolean page = PagePaths.rendered(path);
        if (!settings.enabled() || !(path.startsWith("/api/") || page)) {
            return true;
        }
        boolean credentials =
                request.getHeader(HttpHeaders.AUTHORIZATION) != null || (page && SessionCookies.present(request));
        return credentials != bearerRequests;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = Callers.current();
        Tier tier = Tier.of(caller);
        RequestClass requestClass = RequestClass.of(request);
        String client = caller.map(signedIn -> "account:" + signedIn.accountId())
                .orElseGet(() -> "address:" + AccessListFilter.clientAddress(request));
        Limit limit = settings.of(tier, requestClass);
        String policy = tier.label() + "-" + requestClass.label();

        Decision decision = buckets.acquire(policy + ":" + client, limit);
        // the IETF draft's fields: the policy (quota q per window w seconds), then what is left of it
        // (r) and when it is whole again (t), or when to come back after a refusal
        response.setHeader(
                "RateLimit-Policy",
                '"' + policy + "\";q=" + limit.requests() + ";w=" + limit.per().toSeconds());
        Duration reset = decision.allowed() ? decision.reset() : decision.retryAfter();
        response.setHeader(
                "RateLimit", '"' + policy + "\";r=" + decision.remaining() + ";t=" + RateLimited.seconds(reset));
        if (!decision.allowed()) {
            metrics.rejected(tier, RateLimitMetrics.Reason.RATE);
            refuse(request, response, decision.retryAfter(), "You have made too many requests; slow down.");
            return;
        }

        int maxInFlight = settings.of(tier).concurrency();
        AtomicInteger inFlight = concurrency.tryEnter(client, maxInFlight);
        if (inFlight == null) {
            metrics.rejected(tier, RateLimitMetrics.Reason.CONCURRENCY);
            refuse(
                    request,
                    response,
                    Duration.ofSeconds(1),
                    "You have " + maxInFlight + " requests in flight already; wait for one to finish.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            concurrency.exit(inFlight);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Duration retryAfter, String detail)
            throws IOException {
        if (PagePaths.rendered(request.getRequestURI())) {
            BusyPage.write(
                    request, response, HttpStatus.TOO_MANY_REQUESTS.value(), RateLimited.seconds(retryAfter), detail);
            return;
        }
        problems.writeRetryLater(
                response,
                Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", detail),
                RateLimited.seconds(retryAfter));
    }
}
