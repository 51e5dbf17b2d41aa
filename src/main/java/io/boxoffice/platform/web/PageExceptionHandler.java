package io.boxoffice.platform.web;

import io.boxoffice.platform.domain.DomainException;
import io.boxoffice.platform.domain.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Failures on the web front's pages: the domain's own sentence (sold out, hold expired, card
 * declined) on a page with the site around it and the right status; anything unexpected is a
 * plain apology, logged, never a stack trace. Ahead of the API's handler for {@link WebPage}s only.
 */
@ControllerAdvice(annotations = WebPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

    @ExceptionHandler(DomainException.class)
    ModelAndView domain(DomainException e) {
        String message = e.fieldErrors().isEmpty()
                ? e.getMessage()
                : String.join(
                        " ", e.fieldErrors().stream().map(FieldError::message).toList());
        return page(HttpStatus.valueOf(ProblemStatus.of(e.kind())), message);
    }

    /** A malformed id in a page's address: no such page. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView malformed(MethodArgumentTypeMismatchException e) {
        return page(HttpStatus.NOT_FOUND, "There is no such page.");
    }

    /** A form sent without a field it needs. */
    @ExceptionHandler(MissingServletRequestParameterException.class)
    ModelAndView incomplete(MissingServletRequestParameterException e) {
        return page(HttpStatus.BAD_REQUEST, "The form was sent incomplete. Please go back and try again.");
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e) {
        log.atError().setCause(e).log("A page failed");
        return page(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side. Please try again.");
    }

    static ModelAndView page(HttpStatus status, String message) {
        ModelAndView page = new ModelAndView("problem", status);
        page.addObject("status", status.value());
        page.addObject("title", status.is4xxClientError() ? "That did not work" : "Sorry");
        page.addObject("message", message);
        return page;
    }
}
