package io.boxoffice.platform.domain;

import java.util.List;

/** Input that is well-formed but breaks a rule no annotation can express (an end before a start). */
public class InvalidInput extends DomainException {

    private final List<FieldError> errors;

    public InvalidInput(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidInput(List<FieldError> errors) {
        super(Kind.INVALID, "validation", "The request has invalid fields.");
        this.errors = List.copyOf(errors);
    }

    @Override
    public List<FieldError> fieldErrors() {
        return errors;
    }
}
