package io.boxoffice.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database unavailable before a controller runs (authentication reads an account's roles from
 * the primary; during a failover there is none for a few seconds): the same 503 problem with
 * Retry-After that {@code ApiExceptionHandler} gives a controller's request, not Tomcat's 500.
 */
final class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final ProblemWriter problems;

    DatabaseUnavailableFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (TransientDataAccessException | DataAccessResourceFailureException e) {
            if (response.isCommitted()) {
                throw e;
            }
            log.warn("database unavailable: {}", e.getMessage());
            response.resetBuffer();
            problems.writeRetryLater(response, Problems.databaseUnavailable(), 1);
        }
    }
}
