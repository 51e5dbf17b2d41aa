package io.boxoffice.catalog;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An IANA time zone name such as {@code Europe/Vienna}; {@code null} is valid (derived instead). */
@Documented
@Constraint(validatedBy = IanaTimeZone.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface IanaTimeZone {

    String message() default "must be an IANA time zone such as Europe/Vienna";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the name against the zones this server knows. */
    class Check implements ConstraintValidator<IanaTimeZone, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || TimeZones.known(value);
        }
    }
}
