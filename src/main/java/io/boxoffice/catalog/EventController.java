package io.boxoffice.catalog;

import io.boxoffice.platform.cache.Cached;
import io.boxoffice.platform.cache.CachedResponses;
import io.boxoffice.platform.security.Callers;
import io.boxoffice.platform.web.Cursors;
import io.boxoffice.platform.web.Page;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP edge for events: organizer writes and the public detail view (listing is the search module's). */
@RestController
@RequestMapping("/api/v1")
class EventController {

    private final Catalog catalog;
    private final CatalogCaches caches;
    private final CachedResponses responses;

    EventController(Catalog catalog, CatalogCaches caches, CachedResponses responses) {
        this.catalog = catalog;
        this.caches = caches;
        this.responses = responses;
    }

    @PostMapping("/events")
    ResponseEntity<Event> create(@Valid @RequestBody EventDraft draft) {
        Event event = catalog.createEvent(Callers.required(), draft);
        return ResponseEntity.created(URI.create("/api/v1/events/" + event.id()))
                .body(event);
    }

    /** Published and cancelled events from the cache, as bytes; drafts from the database, for their owner. */
    @GetMapping("/events/{id}")
    ResponseEntity<?> get(@PathVariable UUID id, HttpServletRequest request, HttpServletResponse response) {
        Cached cached = caches.event(id);
        if (cached.present()) {
            return responses.respond(caches.events(), cached, request, response);
        }
        return ResponseEntity.ok(catalog.event(Callers.current(), id));
    }

    @PatchMapping("/events/{id}")
    Event update(@PathVariable UUID id, @RequestBody EventPatch patch) { // validated after the ownership check
        return catalog.updateEvent(Callers.required(), id, patch);
    }

    @PostMapping("/events/{id}/publish")
    Event publish(@PathVariable UUID id) {
        return catalog.publish(Callers.required(), id);
    }

    @PostMapping("/events/{id}/cancel")
    Event cancel(@PathVariable UUID id) {
        return catalog.cancel(Callers.required(), id);
    }

    /** The caller's own events, drafts and past ones included, soonest first, a page at a time. */
    @GetMapping("/me/events")
    Page<Event> mine(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return catalog.eventsOf(Callers.required(), Instant.EPOCH, cursor, Cursors.limit(limit));
    }
}
