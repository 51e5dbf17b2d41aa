package io.boxoffice.orders;

import io.boxoffice.platform.security.Callers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP edge for the door and the organizer's figures: check-in and event stats. */
@RestController
@RequestMapping("/api/v1")
class TicketController {

    /** A scanned or typed ticket code. */
    record Scan(@NotBlank @Size(max = 64) String code) {}

    private final Checkins checkins;
    private final EventStats stats;

    TicketController(Checkins checkins, EventStats stats) {
        this.checkins = checkins;
        this.stats = stats;
    }

    @PostMapping("/checkins")
    Checkins.Checkin checkIn(@Valid @RequestBody Scan scan) {
        return checkins.admit(Callers.required(), scan.code());
    }

    @GetMapping("/events/{id}/stats")
    EventStats.Stats stats(@PathVariable UUID id) {
        return stats.of(Callers.required(), id);
    }
}
