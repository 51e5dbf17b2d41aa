package io.boxoffice.waitingroom;

import io.boxoffice.platform.ratelimit.ClientAddress;
import io.boxoffice.platform.security.Callers;
import io.boxoffice.platform.web.WebPage;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The waiting page: the buyer's place, the number ahead and the estimated wait, refreshed by the
 * browser itself (a {@code Refresh} header, no script, so it works with JavaScript off) at the
 * poll interval the room gives. The queue token lives in a cookie for this page; once admitted,
 * the admission token lives in a cookie the checkout reads, and the page links to the tickets.
 */
@Controller
@WebPage
class WaitingPage {

    private final WaitingRooms rooms;
    private final java.time.Clock clock;

    WaitingPage(WaitingRooms rooms, java.time.Clock clock) {
        this.rooms = rooms;
        this.clock = clock;
    }

    @GetMapping("/events/{id}/queue")
    String waiting(@PathVariable UUID id, Model model, HttpServletRequest request, HttpServletResponse response) {
        String address = ClientAddress.of(request);
        String held = cookie(request, queueCookie(id));
        QueueStatus status;
        try {
            status = rooms.poll(Callers.required(), id, held, address);
        } catch (TokenRefused refused) { // a cookie from another account on this browser: find this one's place
            status = rooms.poll(Callers.required(), id, null, address);
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        if (status.queueToken() != null) {
            setCookie(response, queueCookie(id), status.queueToken(), Duration.ofDays(7));
        }
        if (status.state() == QueueStatus.State.ADMITTED && status.admissionExpiresAt() != null) {
            setCookie(
                    response,
                    "admission-" + id,
                    status.admissionToken(),
                    Duration.between(clock.instant(), status.admissionExpiresAt()));
        } else if (status.state() == QueueStatus.State.WAITING) {
            response.setHeader("Refresh", Long.toString(status.retryAfterSeconds()));
        }
        model.addAttribute("event", rooms.event(id));
        model.addAttribute("status", status);
        model.addAttribute("refreshSeconds", status.retryAfterSeconds());
        model.addAttribute("minutesLeft", minutesUntil(status.admissionExpiresAt()));
        return "waiting";
    }

    private long minutesUntil(@Nullable Instant at) {
        return at == null
                ? 0
                : Math.max(1, Duration.between(clock.instant(), at).toMinutes());
    }

    private static String queueCookie(UUID eventId) {
        return "queue-" + eventId;
    }

    private static @Nullable String cookie(HttpServletRequest request, String name) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (cookie.getName().equals(name) && !cookie.getValue().isBlank()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private static void setCookie(HttpServletResponse response, String name, String value, Duration lifetime) {
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                ResponseCookie.from(name, value)
                        .httpOnly(true)
                        .secure(true)
                        .sameSite("Lax")
                        .path("/")
                        .maxAge(lifetime)
                        .build()
                        .toString());
    }
}
