package io.boxoffice.platform.web;

import io.boxoffice.platform.domain.FieldError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything else reads them, an address whose path parameters cannot be decoded,
 * and request parameters (query string or form) that are not validly percent-encoded UTF-8 or that
 * hold a NUL character, which PostgreSQL text cannot store: a 400 problem naming the parameter,
 * and nothing done.
 */
final class RequestHygieneFilter extends OncePerRequestFilter {

    /** What a field holding a NUL character is told, in parameters and JSON bodies alike. */
    static final String NO_NUL = "must not contain a NUL character";

    private final ProblemWriter problems;

    RequestHygieneFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            // Spring parses path parameters (;name=value) as it routes, and fails on a bad escape there
            RequestPath.parse(request.getRequestURI(), request.getContextPath());
        } catch (IllegalArgumentException undecodable) {
            problems.write(
                    response,
                    Problems.of(HttpStatus.BAD_REQUEST, "bad-request", "The request's address is malformed."));
            return;
        }
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (IllegalStateException | IllegalArgumentException undecodable) {
            // Tomcat's InvalidParameterException: bad percent-encoding, bad UTF-8, too many parameters
            problems.write(
                    response,
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "malformed-parameters",
                            "The query string or form is not validly percent-encoded UTF-8."));
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        parameters.forEach((name, values) -> {
            boolean nul = name.indexOf('\0') >= 0;
            for (String value : values) {
                nul |= value.indexOf('\0') >= 0;
            }
            if (nul) {
                errors.add(new FieldError(name.replace("\0", ""), NO_NUL));
            }
        });
        if (!errors.isEmpty()) {
            problems.write(response, Problems.validation(errors));
            return;
        }
        chain.doFilter(request, response);
    }
}
