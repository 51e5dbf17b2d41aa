package io.boxoffice.platform.overload;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/** What shedding a request costs the business, least first: an overloaded node sheds from the top. */
enum RequestPriority {
    /** Browsing and search: event pages, listings, venues, availability, on the API or as pages. A retry costs nothing. */
    BROWSE,
    /**
     * Everything else: accounts, order pages, organizer work, and a waiting room's polls (a shed
     * poll would leave its buyer unseen, and an unseen buyer's place is skipped).
     */
    OTHER,
    /** Buying and getting in: placing an order, paying for it, checking a ticket in at the door. */
    CRITICAL;

    static RequestPriority of(HttpServletRequest request) {
        String path = request.getRequestURI();
        String method = request.getMethod();
        if (!path.startsWith("/api/")) {
            return page(path, method);
        }
        if ("POST".equals(method)) {
            if (path.equals("/api/v1/orders") || path.equals("/api/v1/checkins")) {
                return CRITICAL;
            }
            if (path.startsWith("/api/v1/orders/") && path.endsWith("/pay")) {
                return CRITICAL;
            }
            return OTHER;
        }
        if (path.endsWith("/queue")) {
            return OTHER;
        }
        if (("GET".equals(method) || "HEAD".equals(method))
                && (path.equals("/api/v1/events")
                        || path.startsWith("/api/v1/events/") && !path.endsWith("/stats")
                        || path.startsWith("/api/v1/venues"))) {
            return BROWSE;
        }
        return OTHER;
    }

    /** The web front's pages: holding and paying on a page, and the door, are buying and getting in too. */
    private static RequestPriority page(String path, String method) {
        if ("POST".equals(method)) {
            boolean buying = path.equals("/checkout") || path.startsWith("/orders/") && path.endsWith("/pay");
            return buying || path.equals("/organizer/checkin") ? CRITICAL : OTHER;
        }
        if (path.equals("/") || path.equals("/search") || path.startsWith("/events/") && !path.endsWith("/queue")) {
            return BROWSE;
        }
        return OTHER;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
