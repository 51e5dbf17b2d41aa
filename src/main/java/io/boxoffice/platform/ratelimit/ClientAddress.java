package io.boxoffice.platform.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

/** The address a request came from, as the access list resolved it (trusted proxies seen through). */
public final class ClientAddress {

    private ClientAddress() {}

    /** The client's address, or the direct peer's when the access list did not run. */
    public static String of(HttpServletRequest request) {
        return AccessListFilter.clientAddress(request);
    }
}
