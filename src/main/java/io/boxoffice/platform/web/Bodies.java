package io.boxoffice.platform.web;

import io.boxoffice.platform.domain.FieldError;
import io.boxoffice.platform.domain.InvalidInput;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;

/**
 * Bean Validation of a request body, for operations that must check the caller's role and
 * ownership before they say anything about the body (a stranger learns nothing from a 400).
 */
public final class Bodies {

    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();

    private Bodies() {}

    /** Returns {@code body} if it is valid; otherwise throws {@link InvalidInput} naming every invalid field. */
    public static <T> T valid(T body) {
        Set<ConstraintViolation<T>> violations = VALIDATOR.validate(body);
        if (!violations.isEmpty()) {
            List<FieldError> errors = violations.stream()
                    .map(violation -> new FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
                    .toList();
            throw new InvalidInput(errors);
        }
        return body;
    }
}
