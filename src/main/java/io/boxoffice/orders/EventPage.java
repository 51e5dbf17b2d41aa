package io.boxoffice.orders;

import io.boxoffice.catalog.Catalog;
import io.boxoffice.catalog.Event;
import io.boxoffice.platform.web.WebPage;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * An event's page: what, when, where, and its ticket types with what is left of each, and the
 * form that holds tickets. The same for everyone, cached briefly: the availability on it is
 * refreshed in place by a script where scripts run.
 */
@Controller
@WebPage
class EventPage {

    private final Catalog catalog;
    private final OrderManagement orders;

    EventPage(Catalog catalog, OrderManagement orders) {
        this.catalog = catalog;
        this.orders = orders;
    }

    @GetMapping("/events/{id}")
    String event(@PathVariable UUID id, Model model, HttpServletResponse response) {
        Event event = catalog.event(Optional.empty(), id);
        Map<UUID, Integer> available = orders.availability(id).orElse(List.of()).stream()
                .collect(Collectors.toMap(OrderManagement.Availability::id, OrderManagement.Availability::available));
        model.addAttribute("event", event);
        model.addAttribute("available", available);
        // how many of each type one order may take now: the per-order cap, or what is left
        model.addAttribute(
                "choosable",
                event.ticketTypes().stream()
                        .collect(Collectors.toMap(
                                type -> type.id(),
                                type -> Math.max(
                                        0, Math.min(type.maxPerOrder(), available.getOrDefault(type.id(), 0))))));
        model.addAttribute("onSale", event.status().name().equals("PUBLISHED"));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=5, stale-while-revalidate=30");
        return "event";
    }
}
