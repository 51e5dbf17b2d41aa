package io.boxoffice.platform.domain;

/** One invalid input field and what is wrong with it, as listed in a problem's {@code errors}. */
public record FieldError(String field, String message) {}
