package io.boxoffice.platform.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The web front's session: the same signed JWT the API takes as a bearer token, in an HttpOnly,
 * Secure, SameSite=Lax cookie. Nothing is kept on the node, so any node serves any page.
 */
public final class SessionCookies {

    /** The cookie's name. */
    public static final String NAME = "boxoffice_session";

    private SessionCookies() {}

    /** Sets the session cookie to {@code token} for {@code lifetime} (the token's own). */
    public static void issue(HttpServletResponse response, String token, Duration lifetime) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(token, lifetime).toString());
    }

    /** Removes the session cookie. */
    public static void clear(HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO).toString());
    }

    /** Whether the request carries a session cookie (valid or not: the security chain decides that). */
    public static boolean present(HttpServletRequest request) {
        return token(request).isPresent();
    }

    /** The token the request's session cookie carries, if any. */
    static Optional<String> token(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies)
                .filter(cookie ->
                        cookie.getName().equals(NAME) && !cookie.getValue().isBlank())
                .map(Cookie::getValue)
                .findFirst();
    }

    private static ResponseCookie cookie(String value, Duration lifetime) {
        // Secure: browsers keep sending it over http://localhost, a secure context, and nowhere else
        return ResponseCookie.from(NAME, value)
                .httpOnly(true)
                .secure(true)
                .sameSite("Lax")
                .path("/")
                .maxAge(lifetime)
                .build();
    }
}
