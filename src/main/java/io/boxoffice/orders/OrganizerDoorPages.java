package io.boxoffice.orders;

import io.boxoffice.catalog.Catalog;
import io.boxoffice.catalog.Event;
import io.boxoffice.catalog.TicketType;
import io.boxoffice.platform.domain.DomainException;
import io.boxoffice.platform.security.Callers;
import io.boxoffice.platform.web.ProblemStatus;
import io.boxoffice.platform.web.WebPage;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
    private static final int CHART_DAYS = 14;

    /** One day's bar in the chart: its place and height in the chart's 0–100 box. */
    record Bar(String day, int tickets, long revenueCents, double x, double width, double height) {}

    private final EventStats stats;
    private final Checkins checkins;
    private final Catalog catalog;
    private final Clock clock;

    OrganizerDoorPages(EventStats stats, Checkins checkins, Catalog catalog, Clock clock) {
        this.stats = stats;
        this.checkins = checkins;
        this.catalog = catalog;
        this.clock = clock;
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
        model.addAttribute("bars", bars(figures.daily(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
        model.addAttribute("days", figures.daily().reversed());
        return "organizer/sales";
    }

    /**
     * The chart's bars: the last {@link #CHART_DAYS} days up to today, a bar each (of height 0 on a
     * day without sales), scaled so that the best day fills the height.
     */
    static List<Bar> bars(List<SalesRollup.Day> days, LocalDate today) {
        Map<LocalDate, SalesRollup.Day> byDay =
                days.stream().collect(Collectors.toMap(SalesRollup.Day::day, Function.identity(), (a, b) -> b));
        int best = days.stream()
                .filter(day -> !day.day().isBefore(today.minusDays(CHART_DAYS - 1)))
                .mapToInt(SalesRollup.Day::tickets)
                .max()
                .orElse(0);
        List<Bar> bars = new ArrayList<>();
        double slot = 100.0 / CHART_DAYS;
        for (int i = 0; i < CHART_DAYS; i++) {
            LocalDate date = today.minusDays(CHART_DAYS - 1 - i);
            SalesRollup.Day day = byDay.get(date);
            int tickets = day == null ? 0 : day.tickets();
            double height = best == 0 ? 0 : 90.0 * tickets / best;
            bars.add(new Bar(
                    date.toString(),
                    tickets,
                    day == null ? 0 : day.revenueCents(),
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
            model.addAttribute(
                    "zone",
                    catalog.find(admitted.eventId())
                            .map(event -> event.venue().timeZone())
                            .orElse("UTC"));
        } catch (DomainException refused) {
            if (refused.kind() == DomainException.Kind.UNAUTHENTICATED) {
                throw refused;
            }
            response.setStatus(ProblemStatus.of(refused.kind()));
            model.addAttribute("refused", refused.getMessage());
        }
        return "organizer/checkin";
    }
}
