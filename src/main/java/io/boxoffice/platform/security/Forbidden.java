package io.boxoffice.platform.security;

import io.boxoffice.platform.domain.DomainException;

/** The caller is signed in but lacks the role or ownership the action needs. */
public class Forbidden extends DomainException {

    public Forbidden(String message) {
        super(Kind.FORBIDDEN, "forbidden", message);
    }

    /** Fails unless {@code caller} holds {@code role}. */
    public static void unlessRole(Caller caller, Role role) {
        if (!caller.has(role)) {
            throw new Forbidden("Only accounts with the " + role + " role may do this.");
        }
    }
}
