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
}
