/**
 * Jobs: background work on PostgreSQL through db-scheduler, on three priorities, with retries
 * (exponential backoff, full jitter, a cap), dead letters an administrator can replay, recurring
 * jobs that run on one node at a time, and the queue metrics an autoscaler scales workers on.
 * Modules declare {@link io.boxoffice.jobs.JobType} and {@link io.boxoffice.jobs.RecurringJob}
 * beans and enqueue through {@link io.boxoffice.jobs.Jobs}.
 */
@ApplicationModule(
        displayName = "Jobs",
        allowedDependencies = {
            "platform",
            "platform::domain",
            "platform::id",
            "platform::jdbc",
            "platform::ratelimit",
            "platform::security",
            "platform::web"
        })
package io.boxoffice.jobs;

import org.springframework.modulith.ApplicationModule;
