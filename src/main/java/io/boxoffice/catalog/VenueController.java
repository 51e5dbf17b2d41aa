package io.boxoffice.catalog;

import io.boxoffice.platform.cache.Cached;
import io.boxoffice.platform.cache.CachedResponses;
import io.boxoffice.platform.security.Callers;
import io.boxoffice.platform.web.Page;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.net.URI;
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

/** HTTP edge for venues. */
@RestController
@RequestMapping("/api/v1/venues")
class VenueController {

    private final Catalog catalog;
    private final CatalogCaches caches;
    private final CachedResponses responses;

    VenueController(Catalog catalog, CatalogCaches caches, CachedResponses responses) {
        this.catalog = catalog;
        this.caches = caches;
        this.responses = responses;
    }

    @PostMapping
    ResponseEntity<Venue> create(@Valid @RequestBody VenueDraft draft) {
        Venue venue = catalog.createVenue(Callers.required(), draft);
        return ResponseEntity.created(URI.create("/api/v1/venues/" + venue.id()))
                .body(venue);
    }

    @GetMapping("/{id}")
    ResponseEntity<byte[]> get(@PathVariable UUID id, HttpServletRequest request, HttpServletResponse response) {
        Cached cached = caches.venue(id);
        if (!cached.present()) {
            throw new VenueNotFound();
        }
        return responses.respond(caches.venues(), cached, request, response);
    }

    @GetMapping
    Page<Venue> list(
            @RequestParam(required = false) String city,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return catalog.venues(city, cursor, limit);
    }

    @PatchMapping("/{id}")
    Venue update(@PathVariable UUID id, @RequestBody VenuePatch patch) { // validated after the ownership check
        return catalog.updateVenue(Callers.required(), id, patch);
    }
}
