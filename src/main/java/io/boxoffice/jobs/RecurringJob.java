package io.boxoffice.jobs;

import java.time.Duration;

/**
 * Work that repeats: it runs on one node at a time across the cluster (whichever worker claims
 * it), then again {@code interval} after it finished. A failed run is logged, counted, and
 * simply waits for its next turn.
 *
 * @param name the task name, lower-case words joined by dashes
 * @param priority how urgent, against one-time jobs too
 * @param interval the pause between the end of one run and the start of the next
 * @param work what it does
 */
public record RecurringJob(String name, JobPriority priority, Duration interval, Runnable work) {

    public RecurringJob {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a recurring job needs a positive interval: " + name);
        }
    }
}
