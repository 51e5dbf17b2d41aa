package io.boxoffice.orders;

import io.boxoffice.catalog.Catalog;
import io.boxoffice.catalog.Event;
import io.boxoffice.catalog.TicketType;
import io.boxoffice.payments.Payments;
import io.boxoffice.platform.domain.InvalidInput;
import io.boxoffice.platform.security.Callers;
import io.boxoffice.platform.web.WebPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Checkout for a signed-in buyer: hold the chosen tickets, pay for the hold before it expires
 * (a countdown shows how long is left), then the tickets with a QR code each. Every page here is
 * the buyer's own: never stored by a cache.
 */
@Controller
@WebPage
class CheckoutPages {

    private static final String QUANTITY = "quantity-";

    private final OrderManagement orders;
    private final Catalog catalog;
    private final Payments payments;

    CheckoutPages(OrderManagement orders, Catalog catalog, Payments payments) {
        this.orders = orders;
        this.catalog = catalog;
        this.payments = payments;
    }

    /**
     * The event page's form, sent with GET so that the event page stays the same for everyone (no
     * CSRF token on it, so a CDN may keep it): the chosen tickets to review, and the form that
     * holds them.
     */
    @GetMapping("/checkout")
    String review(
            @RequestParam UUID eventId,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        List<NewOrder.Line> lines = lines(form);
        if (lines.isEmpty()) {
            return nothingChosen(model, response);
        }
        Event event = catalog.event(Optional.empty(), eventId);
        if (event.behindWaitingRoom() && admissionCookie(request, eventId) == null) {
            return "redirect:/events/" + eventId + "/queue"; // the waiting page comes first
        }
        Map<UUID, TicketType> types = new HashMap<>();
        event.ticketTypes().forEach(type -> types.put(type.id(), type));
        long total = 0;
        for (NewOrder.Line line : lines) {
            TicketType type = types.get(line.ticketTypeId());
            if (type == null) {
                throw new InvalidInput("ticketTypeId", "That ticket type is not sold for this event.");
            }
            total += type.priceCents() * line.quantity();
        }
        model.addAttribute("event", event);
        model.addAttribute("lines", lines);
        model.addAttribute("types", types);
        model.addAttribute("total", total);
        model.addAttribute(
                "currency", types.get(lines.getFirst().ticketTypeId()).currency());
        return "checkout";
    }

    /** The review page's form: {@code eventId} and a {@code quantity-<ticket type>} per type. */
    @PostMapping("/checkout")
    String hold(
            @RequestParam UUID eventId,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        List<NewOrder.Line> lines = lines(form);
        if (lines.isEmpty()) {
            return nothingChosen(model, response);
        }
        Order held =
                orders.place(Callers.required(), new NewOrder(eventId, lines), null, admissionCookie(request, eventId));
        return "redirect:/orders/" + held.id();
    }

    /** The admission the waiting page keeps for this event, if any (see the waiting room's pages). */
    static @Nullable String admissionCookie(HttpServletRequest request, UUID eventId) {
        if (request.getCookies() == null) {
            return null;
        }
        String name = "admission-" + eventId;
        for (jakarta.servlet.http.Cookie cookie : request.getCookies()) {
            if (cookie.getName().equals(name)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private static String nothingChosen(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("status", 422);
        model.addAttribute("title", "No tickets chosen");
        model.addAttribute("message", "Choose how many tickets you want, then press Choose tickets.");
        return "problem";
    }

    /** The {@code quantity-<ticket type>} fields of a form that ask for at least one ticket. */
    private static List<NewOrder.Line> lines(Map<String, String> form) {
        List<NewOrder.Line> lines = new ArrayList<>();
        for (Map.Entry<String, String> field : form.entrySet()) {
            if (field.getKey().startsWith(QUANTITY) && !field.getValue().isBlank()) {
                UUID type;
                int quantity;
                try {
                    type = UUID.fromString(field.getKey().substring(QUANTITY.length()));
                    quantity = Integer.parseInt(field.getValue().strip());
                } catch (IllegalArgumentException e) {
                    throw new InvalidInput(field.getKey(), "Choose a number of tickets from the list.");
                }
                if (quantity < 0 || quantity > 100) {
                    throw new InvalidInput(field.getKey(), "Choose a number of tickets from the list.");
                }
                if (quantity > 0) {
                    lines.add(new NewOrder.Line(type, quantity));
                }
            }
        }
        return lines;
    }

    @GetMapping("/orders/{id}")
    String order(@PathVariable UUID id, Model model, HttpServletResponse response) {
        Order order = orders.get(Callers.required(), id);
        Event event = catalog.find(order.eventId()).orElseThrow(OrderProblems.EventUnknown::new);
        model.addAttribute("order", order);
        model.addAttribute("event", event);
        model.addAttribute("typeNames", typeNames(event));
        model.addAttribute(
                "codes",
                order.tickets().stream()
                        .map(ticket -> TicketQr.svg(ticket.code(), "QR code of ticket " + ticket.code()))
                        .toList());
        // with Stripe, the card goes from the browser to Stripe's Payment Element; without, the test cards
        String stripeKey = payments.stripePublishableKey();
        model.addAttribute("stripeKey", stripeKey);
        if (stripeKey != null) {
            model.addAttribute("stripeAmount", payments.providerAmount(order.totalCents(), order.currency()));
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        return "order";
    }

    @PostMapping("/orders/{id}/pay")
    String pay(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String paymentMethod,
            Model model,
            HttpServletResponse response) {
        OrderPayments.Paid paid = orders.pay(Callers.required(), id, paymentMethod);
        if (paid instanceof OrderPayments.Paid.ActionRequired action) {
            if (action.nextActionUrl() != null) {
                return "redirect:" + action.nextActionUrl(); // the bank's challenge page; it sends the buyer back
            }
            // a challenge in the page: Stripe.js completes it with the client secret, then shows the order
            model.addAttribute("clientSecret", action.clientSecret());
            return order(id, model, response);
        }
        return "redirect:/orders/" + id;
    }

    @GetMapping("/me/orders")
    String mine(@RequestParam(required = false) String cursor, Model model, HttpServletResponse response) {
        var page = orders.mine(Callers.required(), cursor, 20);
        model.addAttribute("orders", page.items());
        model.addAttribute("next", page.nextCursor());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        return "my-orders";
    }

    private static Map<UUID, String> typeNames(Event event) {
        Map<UUID, String> names = new HashMap<>();
        event.ticketTypes().forEach(type -> names.put(type.id(), type.name()));
        return names;
    }
}
