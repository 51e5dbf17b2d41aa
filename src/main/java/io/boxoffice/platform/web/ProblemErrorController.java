package io.boxoffice.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors that happen outside Spring MVC (in filters or the servlet container) with
 * problem+json too, in place of Spring Boot's HTML "whitelabel" page.
 */
@RestController
@Hidden // not an operation of the API: only errors are forwarded here
class ProblemErrorController implements ErrorController {

    @RequestMapping(
            value = "/error",
            produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = code instanceof Integer value && value >= 400
                ? HttpStatusCode.valueOf(value)
                : code == null ? HttpStatus.NOT_FOUND : HttpStatus.INTERNAL_SERVER_ERROR; // null: asked for directly
        HttpStatus known = HttpStatus.resolve(status.value());
        String detail =
                status.is5xxServerError() || known == null ? "An unexpected error occurred." : known.getReasonPhrase();
        ProblemDetail problem = Problems.of(status, detail);
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
            try {
                problem.setInstance(new URI(null, null, path, null));
            } catch (URISyntaxException unparseable) {
                // the address itself was the problem: say nothing of it
            }
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
