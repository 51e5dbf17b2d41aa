package io.boxoffice.platform.domain;

import java.util.List;

/**
 * A failure the domain names (an unknown event, a taken email, a forbidden change). Modules throw
 * subclasses named for what went wrong, of a {@link Kind}; the API edge turns them into RFC 9457
 * problem details with an HTTP status, the pages into an error page.
 */
public abstract class DomainException extends RuntimeException {

    /**
     * What kind of failure this is, in the domain's words. The edges decide how to report each
     * (the API's HTTP statuses are {@code platform.web.ProblemStatus}'s).
     */
    public enum Kind {
        /** the request breaks a rule of its own fields */
        INVALID,
        /** nobody is signed in, or the credentials do not hold */
        UNAUTHENTICATED,
        /** the payment was declined */
        PAYMENT_REQUIRED,
        /** the caller may not do this */
        FORBIDDEN,
        /** there is no such thing, or the caller may not know there is */
        NOT_FOUND,
        /** the thing is not in a state that allows this */
        CONFLICT,
        /** the thing was there and is not any more (a hold that ran out) */
        GONE,
        /** well-formed, but not something that can be done (a form that does not add up) */
        UNPROCESSABLE,
        /** too many requests from this caller for now */
        TOO_MANY_REQUESTS,
        /** the system, not the request, failed for a moment: sent again, it may succeed */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String slug;

    protected DomainException(Kind kind, String slug, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.slug = slug;
    }

    /** The kind of failure. */
    public Kind kind() {
        return kind;
    }

    /** The last segment of the problem type URI, such as {@code sold-out}. */
    public String slug() {
        return slug;
    }

    /** Extra members of the problem details, such as the time a ticket was first checked in. */
    public java.util.Map<String, Object> properties() {
        return java.util.Map.of();
    }

    /** Response headers that go with the problem, such as {@code Retry-After}. */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }

    /** The fields at fault, for failures of input validation. */
    public List<FieldError> fieldErrors() {
        return List.of();
    }
}
