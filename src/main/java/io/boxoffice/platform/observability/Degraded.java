package io.boxoffice.platform.observability;

import org.springframework.boot.health.contributor.Status;

/**
 * The health of a component Boxoffice works without, only worse: a replica (reads go to the
 * primary), Redis (near caches and the database serve), SMTP (emails wait in the job queue). It
 * ranks between DOWN and UP, answers 200, and no probe group includes such a component, so it
 * shows on {@code /actuator/health} and in alerts without taking a node out of the balancer.
 */
public final class Degraded {

    public static final Status STATUS = new Status("DEGRADED");

    private Degraded() {}
}
