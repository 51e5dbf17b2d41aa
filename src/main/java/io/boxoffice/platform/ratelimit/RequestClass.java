package io.boxoffice.platform.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Set;

/** What a request does, for rate limits: each tier has a bucket per class. */
enum RequestClass {
    /** GET, HEAD and OPTIONS. */
    READ,
    /** Every other method. */
    WRITE,
    /**
     * Password checks, the target of credential stuffing: {@code POST /api/v1/auth/token}, and on
     * pages signing in, signing up and deleting an account (which asks for the password).
     */
    AUTH;

    private static final Set<String> PASSWORD_CHECKS = Set.of("/api/v1/auth/token", "/signin", "/signup", "/me/delete");

    static RequestClass of(HttpServletRequest request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return READ;
        }
        if ("POST".equals(method) && PASSWORD_CHECKS.contains(request.getRequestURI())) {
            return AUTH;
        }
        return WRITE;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
