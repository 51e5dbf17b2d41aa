package io.boxoffice.search;

import io.boxoffice.platform.web.WebPage;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: the next events on sale. The same for everyone (nothing personal is rendered on
 * public pages), so a CDN may keep it for as long as the API's listing.
 */
@Controller
@WebPage
class HomePage {

    private static final int EVENTS = 24;

    private final Listings listings;
    private final Clock clock;

    HomePage(Listings listings, Clock clock) {
        this.listings = listings;
        this.clock = clock;
    }

    @GetMapping("/")
    String home(Model model, HttpServletResponse response) {
        var upcoming = listings.page(new ListingQuery(null, null, null, clock.instant(), null, null, null, EVENTS));
        model.addAttribute("events", upcoming.items());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=60, stale-while-revalidate=300");
        return "home";
    }
}
