package io.boxoffice.orders;

import io.boxoffice.catalog.Catalog;
import io.boxoffice.catalog.Event;
import io.boxoffice.catalog.TicketType;
import io.boxoffice.platform.security.Callers;
import io.boxoffice.platform.web.DomainException;
import io.boxoffice.platform.web.WebPage;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organizer's pages about sales and the door: a live sales dashboard (sold, held, revenue,
 * check-ins, each ticket type against its quota, and a chart of tickets sold per day), and the
 * check-in page that admits a ticket by its code, typed or scanned with the device's camera
 * where the browser can read QR codes. The figures are the API's own ({@link EventStats}).
 */
@Controller
@WebPage
@RequestMapping("/organizer")
class OrganizerDoorPages {

    private static final int MAX_CODE = 64;

    /** One day's bar in the chart: its place and height in the chart's 0–100 box. */
    record Bar(String day, int tickets, long revenueCents, double x, double width, double height) {}

    private final EventStats stats;
    private final Checkins checkins;
    private final Catalog catalog;

    OrganizerDoorPages(EventStats stats, Checkins checkins, Catalog catalog) {
        this.stats = stats;
        this.checkins = checkins;
        this.catalog = catalog;
    }

    @ModelAttribute
    void personal(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }

    @GetMapping("/events/{id}/sales")
    String sales(@PathVariable UUID id, Model model) {
        EventStats.Stats figures = stats.of(Callers.required(), id);
        Event event = catalog.event(Optional.of(Callers.required()), id);
        Map<UUID, TicketType> types =
                event.ticketTypes().stream().collect(Collectors.toMap(TicketType::id, Function.identity()));
        model.addAttribute("event", event);
        model.addAttribute("stats", figures);
        model.addAttribute("types", types);
        model.addAttribute("bars", bars(figures.daily()));
        return "organizer/sales";
    }

    /** The chart's bars, oldest day first, scaled so that the best day fills the height. */
    static List<Bar> bars(List<SalesRollup.Day> days) {
        List<SalesRollup.Day> sorted =
                days.stream().sorted((a, b) -> a.day().compareTo(b.day())).toList();
        int best = sorted.stream().mapToInt(SalesRollup.Day::tickets).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        double slot = sorted.isEmpty() ? 0 : 100.0 / sorted.size();
        for (int i = 0; i < sorted.size(); i++) {
            SalesRollup.Day day = sorted.get(i);
            double height = best == 0 ? 0 : 90.0 * day.tickets() / best;
            bars.add(new Bar(
                    day.day().toString(),
                    day.tickets(),
                    day.revenueCents(),
                    i * slot + slot * 0.1,
                    slot * 0.8,
                    height));
        }
        return bars;
    }

    @GetMapping("/checkin")
    String door() {
        Callers.required();
        return "organizer/checkin";
    }

    /**
     * Admits the ticket with this code. The outcome is shown on the same page, ready for the next
     * code: a ticket already admitted, refunded or unknown is a message and a status, not an error
     * page, because the door keeps going.
     */
    @PostMapping("/checkin")
    String admit(@RequestParam(defaultValue = "") String code, Model model, HttpServletResponse response) {
        String typed = code.strip();
        model.addAttribute("code", typed);
        if (typed.isEmpty() || typed.length() > MAX_CODE) {
            response.setStatus(422);
            model.addAttribute("refused", "Type or scan a ticket code.");
            return "organizer/checkin";
        }
        try {
            Checkins.Checkin admitted = checkins.admit(Callers.required(), typed);
            model.addAttribute("admitted", admitted);
        } catch (DomainException refused) {
            if (refused.kind() == DomainException.Kind.UNAUTHENTICATED) {
                throw refused;
            }
            response.setStatus(refused.kind().status());
            model.addAttribute("refused", refused.getMessage());
        }
        return "organizer/checkin";
    }
}
