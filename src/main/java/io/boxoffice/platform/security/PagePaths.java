package io.boxoffice.platform.security;

import io.boxoffice.platform.web.OperationalPaths;

/** The web front's paths: everything but the API, its documentation and the operational endpoints. */
public final class PagePaths {

    private PagePaths() {}

    /** Whether {@code path} (the request URI) is a page or one of its assets. */
    public static boolean contains(String path) {
        return !path.startsWith("/api/")
                && !path.startsWith("/actuator/")
                && !path.startsWith("/v3/api-docs")
                && !path.startsWith("/swagger-ui")
                && !path.equals("/error")
                && !OperationalPaths.contains(path);
    }

    /**
     * Whether {@code path} is a page the application renders or acts on: a page path other than
     * the static assets, which cost next to nothing and come from a CDN in production.
     */
    public static boolean rendered(String path) {
        return contains(path) && !path.startsWith("/assets/");
    }
}
