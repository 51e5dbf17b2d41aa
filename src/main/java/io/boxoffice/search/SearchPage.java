package io.boxoffice.search;

import io.boxoffice.catalog.Category;
import io.boxoffice.platform.domain.FieldError;
import io.boxoffice.platform.domain.InvalidInput;
import io.boxoffice.platform.web.Page;
import io.boxoffice.platform.web.WebPage;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Search with filters: text, city, category, a range of days and a circle around the visitor
 * ("near me" fills it from the browser's location where a script may ask). The form is a GET, so
 * every result page has an address of its own that a CDN may keep like the home page. Long result
 * lists come a page at a time through "More events" links carrying the listing's cursor.
 */
@Controller
@WebPage
class SearchPage {

    private static final int EVENTS = 24;
    static final List<String> CATEGORIES =
            Arrays.stream(Category.values()).map(Category::name).toList();

    private final ListingSearch search;
    private final Clock clock;

    SearchPage(ListingSearch search, Clock clock) {
        this.search = search;
        this.clock = clock;
    }

    /** The form's fields as sent, shown again above the results. */
    record Form(String q, String city, String category, String from, String to, String near, String radiusKm) {}

    @GetMapping("/search")
    String search(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String city,
            @RequestParam(defaultValue = "") String category,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "") String near,
            @RequestParam(defaultValue = "") String radiusKm,
            @RequestParam(required = false) @Nullable String cursor,
            Model model,
            HttpServletResponse response) {
        Form form = new Form(q, city, category, from, to, near, radiusKm);
        model.addAttribute("form", form);
        model.addAttribute("categories", CATEGORIES);
        model.addAttribute(
                "searched", !String.join("", q, city, category, from, to, near).isBlank());
        try {
            Search wanted = query(form, cursor);
            Page<ListingItem> results = search.page(wanted.query(), wanted.from());
            model.addAttribute("events", results.items());
            model.addAttribute("next", results.nextCursor());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=60, stale-while-revalidate=300");
        } catch (InvalidInput invalid) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=60");
            model.addAttribute("events", List.of());
            model.addAttribute(
                    "errors",
                    invalid.fieldErrors().stream().map(FieldError::message).toList());
        }
        return "search";
    }

    /**
     * A validated search: the query, and its first instant when the form asked for a day still to
     * come (without one the results start now, and share one cache entry over time).
     */
    private record Search(ListingQuery query, @Nullable Instant from) {}

    private Search query(Form form, @Nullable String cursor) {
        String category =
                form.category().isBlank() ? null : form.category().strip().toUpperCase(Locale.ROOT);
        if (category != null && !CATEGORIES.contains(category)) {
            throw new InvalidInput("category", "Choose a category from the list.");
        }
        Instant now = clock.instant();
        LocalDate first = day(form.from(), "from", "The first day");
        LocalDate last = day(form.to(), "to", "The last day");
        if (first != null && last != null && last.isBefore(first)) {
            throw new InvalidInput("to", "The last day must not be before the first day.");
        }
        // the days are the venue's: 30 June is 30 June in Vienna and in Los Angeles alike
        ListingQuery.Days days = first == null && last == null ? null : new ListingQuery.Days(first, last);
        Instant from = days == null ? null : days.earliestStart();
        Double radius;
        try {
            radius = form.radiusKm().isBlank()
                    ? null
                    : Double.valueOf(form.radiusKm().strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("radiusKm", "Choose a distance from the list.");
        }
        ListingQuery.Circle circle;
        try {
            circle = ListingQuery.circle(
                    form.near().isBlank() ? null : form.near(), form.near().isBlank() ? null : radius);
        } catch (InvalidInput invalid) {
            throw new InvalidInput("near", "We could not use that location. Try again or search by city.");
        }
        String city = form.city().isBlank() ? null : Listings.cityKey(form.city());
        Instant later = from == null || from.isBefore(now) ? null : from;
        return new Search(
                new ListingQuery(
                        ListingQuery.text(form.q()),
                        city,
                        category,
                        later == null ? now : later,
                        null,
                        days,
                        circle,
                        cursor,
                        EVENTS),
                later);
    }

    private static @Nullable LocalDate day(String value, String field, String what) {
        if (value.isBlank()) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, what + " must be a date such as 2027-06-30.");
        }
        if (day.getYear() < 1 || day.getYear() > 9999) {
            throw new InvalidInput(field, what + " must be a date such as 2027-06-30.");
        }
        return day;
    }
}
