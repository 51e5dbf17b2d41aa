package io.boxoffice.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem+json response from code that runs before Spring MVC (filters, security). */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    /**
     * Writes {@code problem} as the whole response of a refusal the client may retry: with
     * {@code Retry-After} and the same figure as the problem's {@code retryAfterSeconds}.
     */
    public void writeRetryLater(HttpServletResponse response, ProblemDetail problem, long retryAfterSeconds)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        problem.setProperty("retryAfterSeconds", retryAfterSeconds);
        write(response, problem);
    }

    /** Writes {@code problem} as the whole response. */
    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), Problems.body(problem));
    }
}
