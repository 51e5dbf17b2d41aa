package io.boxoffice.platform.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/** What a request does, for rate limits: each tier has a bucket per class. */
enum RequestClass {
    /** GET, HEAD and OPTIONS. */
    READ,
    /** Every other method. */
    WRITE,
    /** {@code POST /api/v1/auth/token}: password checks, the target of credential stuffing. */
    AUTH;

    static RequestClass of(HttpServletRequest request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return READ;
        }
        if ("POST".equals(method) && "/api/v1/auth/token".equals(request.getRequestURI())) {
            return AUTH;
        }
        return WRITE;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
