package io.boxoffice.platform.web;

import io.boxoffice.platform.domain.DomainException;
import io.boxoffice.platform.domain.FieldError;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 problem details every Boxoffice error response carries. */
public final class Problems {

    /** Where problem types live; a type is this base plus a slug such as {@code sold-out}. */
    public static final String TYPE_BASE = "https://boxoffice.io/problems/";

    private static final Map<Integer, String> SLUGS = Map.ofEntries(
            Map.entry(400, "bad-request"),
            Map.entry(401, "unauthenticated"),
            Map.entry(402, "payment-required"),
            Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"),
            Map.entry(405, "method-not-allowed"),
            Map.entry(406, "not-acceptable"),
            Map.entry(409, "conflict"),
            Map.entry(410, "gone"),
            Map.entry(413, "payload-too-large"),
            Map.entry(415, "unsupported-media-type"),
            Map.entry(422, "unprocessable"),
            Map.entry(429, "rate-limited"),
            Map.entry(503, "unavailable"));

    /**
     * The member carrying the request's trace id: the MDC entry tracing puts in every log line of
     * the request, so a problem a client reports leads to the request's logs and spans.
     */
    static final String TRACE_ID = "traceId";

    private Problems() {}

    /** A problem of the given status, slug and detail. */
    public static ProblemDetail of(HttpStatusCode status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        String traceId = MDC.get(TRACE_ID);
        if (traceId != null && !traceId.isEmpty()) {
            problem.setProperty(TRACE_ID, traceId);
        }
        return problem;
    }

    /**
     * The database did not answer in time (no pooled connection, a lost connection, a failover): a
     * 503 the client may send again, with Retry-After.
     */
    static ProblemDetail databaseUnavailable() {
        return of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "The database is busy; try again.");
    }

    /** A problem whose slug is the generic one for its status. */
    public static ProblemDetail of(HttpStatusCode status, String detail) {
        return of(status, slugFor(status), detail);
    }

    /** The problem a domain failure is reported with. */
    public static ProblemDetail from(DomainException e) {
        ProblemDetail problem = e.fieldErrors().isEmpty()
                ? of(HttpStatusCode.valueOf(ProblemStatus.of(e.kind())), e.slug(), e.getMessage())
                : validation(e.fieldErrors());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    /** The members of a problem as a JSON object, in RFC 9457 order. */
    public static Map<String, Object> body(ProblemDetail problem) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    /** A 400 problem listing the invalid fields. */
    public static ProblemDetail validation(List<FieldError> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "validation", "The request has invalid fields.");
        problem.setTitle("Invalid request");
        problem.setProperty(
                "errors",
                errors.stream()
                        .sorted(java.util.Comparator.comparing(FieldError::field))
                        .toList());
        return problem;
    }

    /** The generic slug of a status, such as {@code not-found} for 404. */
    public static String slugFor(HttpStatusCode status) {
        return SLUGS.getOrDefault(status.value(), status.is5xxServerError() ? "server-error" : "error");
    }
}
