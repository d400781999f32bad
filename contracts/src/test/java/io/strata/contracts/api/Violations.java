package io.strata.contracts.api;

import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The Bean Validation answer for a request record, as the services give it: each refused field with its message.
 * The services map these to 400s naming the field; this checks the annotations alone.
 */
public final class Violations {

    // The messages are plain text, so the interpolator that needs no expression language reads them as the services do.
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure().messageInterpolator(
            new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private Violations() {
    }

    /** The refused fields of {@code request} (e.g. {@code name}, {@code tags[1].<list element>}) and their messages. */
    public static Map<String, String> of(Object request) {
        Map<String, String> refused = new TreeMap<>();
        for (ConstraintViolation<Object> violation : VALIDATOR.validate(request)) {
            refused.merge(violation.getPropertyPath().toString(), violation.getMessage(), (a, b) -> a + "; " + b);
        }
        return refused;
    }
}
