package io.boxoffice.platform.web;

import io.boxoffice.platform.domain.DomainException;

/** The HTTP status each kind of domain failure is reported with, at the API and on pages. */
public final class ProblemStatus {

    /** What a request that created something (an order) answers. */
    public static final int CREATED = 201;

    private ProblemStatus() {}

    /** The status of a failure of this kind. */
    public static int of(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case PAYMENT_REQUIRED -> 402;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case GONE -> 410;
            case UNPROCESSABLE -> 422;
            case TOO_MANY_REQUESTS -> 429;
            case UNAVAILABLE -> 503;
        };
    }

    /** The kind a failure reported with this status was (a refusal replayed from its record); a conflict if none. */
    public static DomainException.Kind kindOf(int status) {
        for (DomainException.Kind kind : DomainException.Kind.values()) {
            if (of(kind) == status) {
                return kind;
            }
        }
        return DomainException.Kind.CONFLICT;
    }
}
