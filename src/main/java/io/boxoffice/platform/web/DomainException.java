package io.boxoffice.platform.web;

import java.util.List;

/**
 * A failure the domain names (an unknown event, a taken email, a forbidden change). Modules throw
 * subclasses named for what went wrong; the API edge turns them into RFC 9457 problem details.
 */
public abstract class DomainException extends RuntimeException {

    /** What kind of failure this is, which decides the HTTP status at the edge. */
    public enum Kind {
        INVALID(400),
        UNAUTHENTICATED(401),
        PAYMENT_REQUIRED(402),
        FORBIDDEN(403),
        NOT_FOUND(404),
        CONFLICT(409),
        GONE(410),
        UNPROCESSABLE(422),
        TOO_MANY_REQUESTS(429),
        /** the system, not the request, failed for a moment: sent again, it may succeed */
        UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        /** The HTTP status this kind of failure is reported with. */
        public int status() {
            return status;
        }
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
