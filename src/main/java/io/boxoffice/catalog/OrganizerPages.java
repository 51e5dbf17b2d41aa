package io.boxoffice.catalog;

import io.boxoffice.platform.domain.DomainException;
import io.boxoffice.platform.domain.FieldError;
import io.boxoffice.platform.domain.InvalidInput;
import io.boxoffice.platform.security.Caller;
import io.boxoffice.platform.security.Callers;
import io.boxoffice.platform.security.Role;
import io.boxoffice.platform.web.Page;
import io.boxoffice.platform.web.WebPage;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organizer's pages: their events and venues, a form to create or edit an event with its
 * ticket types, publish and cancel. Every write goes through {@link Catalog}, which checks the
 * role and that the event or venue is the caller's own, exactly as for the API. A form with a
 * mistake comes back as it was typed, with the mistakes listed above it.
 */
@Controller
@WebPage
@RequestMapping("/organizer")
class OrganizerPages {

    private static final int EVENTS_PER_PAGE = 25;

    private final Catalog catalog;
    private final Validator validator;
    private final Clock clock;

    OrganizerPages(Catalog catalog, Validator validator, Clock clock) {
        this.catalog = catalog;
        this.validator = validator;
        this.clock = clock;
    }

    @ModelAttribute
    void personal(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }

    /**
     * The organizer's events a page at a time, from those still running (started up to a day ago)
     * or, with {@code past}, from the first; then their venues.
     */
    @GetMapping
    String overview(
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "false") boolean past,
            Model model) {
        Caller caller = organizer();
        Instant from = past ? Instant.EPOCH : clock.instant().minus(Duration.ofDays(1));
        Page<Event> events = catalog.eventsOf(caller, from, cursor, EVENTS_PER_PAGE);
        model.addAttribute("events", events.items());
        model.addAttribute("next", events.nextCursor());
        model.addAttribute("past", past);
        model.addAttribute("first", cursor == null);
        model.addAttribute("venues", catalog.venuesOf(caller));
        return "organizer/overview";
    }

    @GetMapping("/venues/new")
    String newVenue(Model model) {
        organizer();
        model.addAttribute("venue", Map.of("countryCode", "", "capacity", ""));
        model.addAttribute("zones", TimeZones.names());
        return "organizer/venue";
    }

    @PostMapping("/venues")
    String createVenue(@RequestParam Map<String, String> form, Model model, HttpServletResponse response) {
        Caller caller = organizer();
        List<String> errors;
        try {
            VenueDraft draft = new VenueDraft(
                    form.getOrDefault("name", "").strip(),
                    form.getOrDefault("address", "").strip(),
                    form.getOrDefault("city", "").strip(),
                    form.getOrDefault("countryCode", "").strip(),
                    decimal(form, "latitude", "The latitude"),
                    decimal(form, "longitude", "The longitude"),
                    whole(form, "capacity", "The capacity"),
                    form.getOrDefault("timeZone", "").isBlank()
                            ? null
                            : form.get("timeZone").strip());
            errors = messages(validator.validate(draft));
            if (errors.isEmpty()) {
                catalog.createVenue(caller, draft);
                return "redirect:/organizer";
            }
        } catch (InvalidInput invalid) {
            errors = messages(invalid);
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("venue", form);
        model.addAttribute("zones", TimeZones.names());
        model.addAttribute("errors", errors);
        return "organizer/venue";
    }

    @GetMapping("/events/new")
    String newEvent(Model model) {
        Caller caller = organizer();
        return eventForm(model, caller, null, EventForm.blank(), List.of());
    }

    @PostMapping("/events")
    String createEvent(@RequestParam Map<String, String> fields, Model model, HttpServletResponse response) {
        Caller caller = organizer();
        EventForm form = EventForm.sent(fields);
        List<String> errors;
        try {
            EventDraft draft = form.draft(this::zoneOf);
            errors = messages(validator.validate(draft));
            if (errors.isEmpty()) {
                Event created = catalog.createEvent(caller, draft);
                return "redirect:/organizer/events/" + created.id() + "?saved";
            }
        } catch (InvalidInput invalid) {
            errors = messages(invalid);
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return eventForm(model, caller, null, form, errors);
    }

    @GetMapping("/events/{id}")
    String editEvent(@PathVariable UUID id, Model model) {
        Caller caller = organizer();
        Event event = own(caller, id);
        return eventForm(model, caller, event, EventForm.of(event), List.of());
    }

    @PostMapping("/events/{id}")
    String updateEvent(
            @PathVariable UUID id,
            @RequestParam Map<String, String> fields,
            Model model,
            HttpServletResponse response) {
        Caller caller = organizer();
        Event event = own(caller, id);
        EventForm form = EventForm.sent(fields);
        List<String> errors;
        try {
            EventPatch patch = form.patch(this::zoneOf);
            errors = messages(validator.validate(patch));
            if (errors.isEmpty()) {
                catalog.updateEvent(caller, id, patch);
                return "redirect:/organizer/events/" + id + "?saved";
            }
        } catch (InvalidInput invalid) {
            errors = messages(invalid);
        } catch (QuotaBelowSold | NotPublishable rule) {
            errors = List.of(rule.getMessage());
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return eventForm(model, caller, event, form, errors);
    }

    @PostMapping("/events/{id}/publish")
    String publish(@PathVariable UUID id) {
        catalog.publish(organizer(), id);
        return "redirect:/organizer/events/" + id + "?published";
    }

    @PostMapping("/events/{id}/cancel")
    String cancel(@PathVariable UUID id, @RequestParam(defaultValue = "") String confirm) {
        if (!"yes".equals(confirm)) {
            throw new InvalidInput("confirm", "Tick the box to confirm that every ticket sold is to be refunded.");
        }
        catalog.cancel(organizer(), id);
        return "redirect:/organizer/events/" + id + "?cancelled";
    }

    private String eventForm(Model model, Caller caller, Event event, EventForm form, List<String> errors) {
        model.addAttribute("event", event);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("venues", catalog.venuesOf(caller));
        model.addAttribute(
                "categories",
                Arrays.stream(Category.values()).map(Category::name).toList());
        return "organizer/event";
    }

    /** The signed-in organizer (or administrator); anyone else is told what the pages are for. */
    /** The zone the form's times are read in: the chosen venue's (which venue may be chosen is the catalog's check). */
    private ZoneId zoneOf(UUID venueId) {
        return catalog.findVenue(venueId).map(Venue::zone).orElse(ZoneOffset.UTC);
    }

    private static Caller organizer() {
        Caller caller = Callers.required();
        if (!caller.roles().contains(Role.ORGANIZER) && !caller.roles().contains(Role.ADMIN)) {
            throw new NotAnOrganizer();
        }
        return caller;
    }

    private Event own(Caller caller, UUID id) {
        Event event = catalog.event(Optional.of(caller), id);
        if (!caller.mayChange(event.organizerId())) {
            throw new EventNotFound();
        }
        return event;
    }

    /** An attendee on an organizer page. */
    static final class NotAnOrganizer extends DomainException {
        NotAnOrganizer() {
            super(
                    Kind.FORBIDDEN,
                    "not-an-organizer",
                    "These pages are for organizers. Sign up as an organizer to sell tickets for your events.");
        }
    }

    private static List<String> messages(InvalidInput invalid) {
        return invalid.fieldErrors().stream().map(FieldError::message).toList();
    }

    private static <T> List<String> messages(Set<ConstraintViolation<T>> violations) {
        return violations.stream()
                .sorted(Comparator.comparing(
                        violation -> violation.getPropertyPath().toString()))
                .map(violation -> label(violation.getPropertyPath().toString()) + " " + violation.getMessage() + ".")
                .toList();
    }

    /** A person's name for a field of a draft: {@code ticketTypes[1].quota} is "Ticket type 2: number on sale". */
    private static String label(String path) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        String name = switch (field) {
            case "title" -> "Title";
            case "description" -> "Description";
            case "name" -> "Name";
            case "address" -> "Address";
            case "city" -> "City";
            case "countryCode" -> "Country";
            case "latitude" -> "Latitude";
            case "longitude" -> "Longitude";
            case "capacity" -> "Capacity";
            case "timeZone" -> "Time zone";
            case "priceCents" -> "Price";
            case "currency" -> "Currency";
            case "quota" -> "Number on sale";
            case "maxPerOrder" -> "Most per order";
            case "ticketTypes" -> "Ticket types";
            default -> field;
        };
        if (path.startsWith("ticketTypes[")) {
            int index = Integer.parseInt(path.substring("ticketTypes[".length(), path.indexOf(']')));
            return "Ticket type " + (index + 1) + ": " + name.toLowerCase(Locale.ROOT);
        }
        return name;
    }

    private static Double decimal(Map<String, String> form, String field, String what) {
        try {
            return Double.valueOf(form.getOrDefault(field, "").strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, what + " must be a number in decimal degrees, such as 52.5200.");
        }
    }

    private static Integer whole(Map<String, String> form, String field, String what) {
        try {
            return Integer.valueOf(form.getOrDefault(field, "").strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, what + " must be a whole number.");
        }
    }
}
