package io.boxoffice.platform;

/**
 * What a Boxoffice node does, from {@code boxoffice.role} (env {@code BOXOFFICE_ROLE}): every
 * node reads the same configuration, and the role alone decides whether it serves the API, runs
 * background jobs, or both, so workers scale apart from web nodes.
 */
public enum NodeRole {
    /** Serves the API and runs jobs: the single-node default. */
    ALL,
    /** Serves the API and runs no jobs. */
    WEB,
    /** Runs jobs and serves only health and metrics. */
    WORKER;

    /** Whether this node claims and runs jobs. */
    public boolean runsJobs() {
        return this != WEB;
    }

    /** Whether this node answers API and page requests. */
    public boolean servesApi() {
        return this != WORKER;
    }
}
