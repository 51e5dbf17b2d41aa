package io.boxoffice.platform.web;

/**
 * The paths load balancers, orchestrators and Prometheus call: health probes, metrics and info.
 * They stay open on every node role and are never rate limited, shed or logged per request.
 */
public final class OperationalPaths {

    private OperationalPaths() {}

    /** Whether {@code path} (the request URI) is a probe, the metrics scrape or info. */
    public static boolean contains(String path) {
        return path.equals("/actuator/health")
                || path.startsWith("/actuator/health/")
                || path.equals("/actuator/prometheus")
                || path.equals("/actuator/info")
                || path.equals("/livez")
                || path.equals("/readyz");
    }
}
