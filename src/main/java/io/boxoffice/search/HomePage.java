package io.boxoffice.search;

import io.boxoffice.platform.web.WebPage;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: the next events on sale, from the listing cache (the same entry as the API's
 * first listing page of that size). The same for everyone (nothing personal is rendered on public
 * pages), so a CDN may keep it too.
 */
@Controller
@WebPage
class HomePage {

    private static final int EVENTS = 24;

    private final ListingSearch search;
    private final Clock clock;

    HomePage(ListingSearch search, Clock clock) {
        this.search = search;
        this.clock = clock;
    }

    @GetMapping("/")
    String home(Model model, HttpServletResponse response) {
        var upcoming =
                search.page(new ListingQuery(null, null, null, clock.instant(), null, null, null, null, EVENTS), null);
        model.addAttribute("events", upcoming.items());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=60, stale-while-revalidate=300");
        return "home";
    }
}
