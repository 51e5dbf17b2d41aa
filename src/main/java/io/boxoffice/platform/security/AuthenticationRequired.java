package io.boxoffice.platform.security;

import io.boxoffice.platform.domain.DomainException;

/** The request needs a signed-in caller and has none. */
public class AuthenticationRequired extends DomainException {

    public AuthenticationRequired() {
        super(Kind.UNAUTHENTICATED, "unauthenticated", "Sign in with a bearer token.");
    }
}
