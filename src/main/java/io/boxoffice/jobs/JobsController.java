package io.boxoffice.jobs;

import io.boxoffice.platform.security.Callers;
import io.boxoffice.platform.security.Forbidden;
import io.boxoffice.platform.security.Role;
import io.boxoffice.platform.web.Page;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The administrators' view of the queue: its figures, and the dead letters to inspect, replay or forget. */
@RestController
@RequestMapping("/api/v1/admin/jobs")
class JobsController {

    /** The queue at a glance. */
    record Queue(List<Lane> priorities, long dead) {}

    /** One priority's backlog. */
    record Lane(String priority, long depth, double oldestAgeSeconds) {}

    private final DeadJobs dead;
    private final JobMetrics metrics;
    private final JobsConfiguration.JobCatalog catalog;

    JobsController(DeadJobs dead, JobMetrics metrics, JobsConfiguration.JobCatalog catalog) {
        this.dead = dead;
        this.metrics = metrics;
        this.catalog = catalog;
    }

    @GetMapping
    Queue queue() {
        requireAdmin();
        JobMetrics.Snapshot snapshot = metrics.current();
        List<Lane> lanes = java.util.Arrays.stream(JobPriority.values())
                .map(priority -> new Lane(
                        priority.label(),
                        snapshot.depth().get(priority),
                        snapshot.oldestAgeSeconds().get(priority)))
                .toList();
        return new Queue(lanes, snapshot.dead());
    }

    @GetMapping("/dead")
    Page<DeadJobs.DeadJob> dead(
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        requireAdmin();
        return dead.list(type, cursor, limit);
    }

    @PostMapping("/dead/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DeadJobs.DeadJob retry(@PathVariable UUID id) {
        requireAdmin();
        return dead.replay(id, catalog::knows);
    }

    @DeleteMapping("/dead/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        requireAdmin();
        dead.delete(id);
    }

    private static void requireAdmin() {
        Forbidden.unlessRole(Callers.required(), Role.ADMIN);
    }
}
