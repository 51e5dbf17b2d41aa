package io.boxoffice.jobs;

import java.util.Locale;

/** How urgent a job is: under a backlog, every due high job runs before any medium one, and so on. */
public enum JobPriority {
    /** Hold expiry, payment follow-up: what buyers and stock wait on. */
    HIGH(90),
    /** Emails. */
    MEDIUM(50),
    /** Statistics, housekeeping. */
    LOW(10);

    private final int value;

    JobPriority(int value) {
        this.value = value;
    }

    /** The number stored with the job; workers take the highest first. */
    public int value() {
        return value;
    }

    /** The label used in metrics and the admin API. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The priority stored as {@code value}, or the nearest one below it. */
    static JobPriority of(int value) {
        for (JobPriority priority : values()) {
            if (value >= priority.value) {
                return priority;
            }
        }
        return LOW;
    }
}
