package io.boxoffice.platform.security;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The response headers Spring Security's defaults add to every response (content-type sniffing
 * off, no framing, the legacy XSS filter off, HSTS over HTTPS), for responses written before the
 * security filters run: cached public reads answered at the front door. Tests compare the two.
 */
public final class SecurityHeaders {

    private SecurityHeaders() {}

    public static void write(HttpServletResponse response, boolean secure) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("X-Frame-Options", "DENY");
        if (secure) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        }
    }
}
