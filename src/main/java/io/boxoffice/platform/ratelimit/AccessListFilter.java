package io.boxoffice.platform.ratelimit;

import io.boxoffice.platform.web.OperationalPaths;
import io.boxoffice.platform.web.ProblemWriter;
import io.boxoffice.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost guard: works out the client's address once (see {@link ClientAddresses}) for
 * everything after it, and refuses addresses on the deny list, or off a non-empty allow list,
 * with 403 before any other work. Probes and scrapes always pass.
 */
final class AccessListFilter extends OncePerRequestFilter {

    /** The request attribute holding the client's address. */
    static final String CLIENT_ADDRESS = AccessListFilter.class.getName() + ".clientAddress";

    private final ClientAddresses addresses;
    private final List<Cidr> deny;
    private final List<Cidr> allow;
    private final ProblemWriter problems;
    private final RateLimitMetrics metrics;

    AccessListFilter(
            ClientAddresses addresses,
            List<Cidr> deny,
            List<Cidr> allow,
            ProblemWriter problems,
            RateLimitMetrics metrics) {
        this.addresses = addresses;
        this.deny = List.copyOf(deny);
        this.allow = List.copyOf(allow);
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = addresses.of(request);
        request.setAttribute(CLIENT_ADDRESS, client);
        if (refused(client) && !OperationalPaths.contains(request.getRequestURI())) {
            metrics.rejected(Tier.ANONYMOUS, RateLimitMetrics.Reason.DENIED);
            problems.write(
                    response,
                    Problems.of(HttpStatus.FORBIDDEN, "address-denied", "Requests from your address are not served."));
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean refused(String client) {
        for (Cidr block : deny) {
            if (block.contains(client)) {
                return true;
            }
        }
        if (allow.isEmpty()) {
            return false;
        }
        for (Cidr block : allow) {
            if (block.contains(client)) {
                return false;
            }
        }
        return true;
    }

    /** The client's address this filter stored, or the direct peer's. */
    static String clientAddress(HttpServletRequest request) {
        Object address = request.getAttribute(CLIENT_ADDRESS);
        return address instanceof String text ? text : request.getRemoteAddr();
    }
}
