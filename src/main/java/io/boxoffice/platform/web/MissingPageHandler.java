package io.boxoffice.platform.web;

import io.boxoffice.platform.security.PagePaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An address nothing answers: a person in a browser gets the site's "no such page", a client of
 * the API the same problem+json 404 as for any unknown resource.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MissingPageHandler {

    private final ProblemWriter problems;

    MissingPageHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ModelAndView missing(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (PagePaths.contains(request.getRequestURI()) && accept != null && accept.contains("text/html")) {
            return PageExceptionHandler.page(HttpStatus.NOT_FOUND, "There is no such page.");
        }
        problems.write(response, Problems.of(HttpStatus.NOT_FOUND, "No such resource."));
        return new ModelAndView();
    }
}
