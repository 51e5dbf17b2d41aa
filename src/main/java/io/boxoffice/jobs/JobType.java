package io.boxoffice.jobs;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A kind of one-time job: its name (the queue's task name), priority, how many attempts it gets
 * before it is dead-lettered, and what it does. Declared as a bean by the module that owns the
 * work; enqueued through {@link Jobs}. A job is identified by its type and an instance id (such
 * as an order id): while one is pending, enqueueing the same pair again adds nothing.
 *
 * @param name the task name, lower-case words joined by dashes
 * @param priority how urgent
 * @param maxAttempts how many times it runs before it goes to the dead letters (at least 1)
 * @param handler the work; a thrown exception is a failed attempt
 */
public record JobType(String name, JobPriority priority, int maxAttempts, Handler handler) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public JobType {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("job type name must be lower-case words joined by dashes: " + name);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a job type needs at least one attempt: " + name);
        }
    }

    /** The work of one job. */
    @FunctionalInterface
    public interface Handler {
        void run(Job job) throws Exception;
    }

    /**
     * One job as its handler sees it.
     *
     * @param instance the id it was enqueued with
     * @param data what it was enqueued with, if anything
     * @param attempt which attempt this is, from 1
     */
    public record Job(String instance, @Nullable String data, int attempt) {}
}
