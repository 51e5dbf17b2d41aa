package io.boxoffice.waitingroom;

import io.boxoffice.platform.ratelimit.ClientAddress;
import io.boxoffice.platform.security.Callers;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP edge of the waiting room: join and poll, one request each. */
@RestController
@RequestMapping("/api/v1")
class QueueController {

    static final String QUEUE_TOKEN = "Queue-Token";

    private final WaitingRooms rooms;

    QueueController(WaitingRooms rooms) {
        this.rooms = rooms;
    }

    /**
     * The caller's place: without a Queue-Token the caller joins (or finds the place they hold);
     * with one, the answer comes from the token and this node's copy of the room. It may be kept
     * by the client, privately, until Retry-After.
     */
    @GetMapping("/events/{id}/queue")
    ResponseEntity<QueueStatus> queue(
            @PathVariable UUID id,
            @RequestHeader(value = QUEUE_TOKEN, required = false) String queueToken,
            HttpServletRequest request) {
        QueueStatus status = rooms.poll(Callers.required(), id, queueToken, ClientAddress.of(request));
        return ResponseEntity.ok()
                .header(HttpHeaders.RETRY_AFTER, Long.toString(status.retryAfterSeconds()))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofSeconds(status.retryAfterSeconds()))
                        .cachePrivate())
                .body(status);
    }
}
