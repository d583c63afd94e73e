package io.pitaya.core.handler;

import io.pitaya.api.PitayaException;
import io.pitaya.api.pipeline.BeforeContext;
import io.pitaya.api.pipeline.BeforeHandler;
import jakarta.interceptor.Interceptor;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Pitaya's optional built-in pipeline ({@code pitaya.defaultpipelines.structvalidation.enabled}), with Jakarta Bean
 * Validation instead of go-playground/validator: the handler's argument is validated before the handler runs, and a
 * request with violations is answered {@code PIT-400} with the violations (message, and metadata property path
 * to message). Arguments that are null, raw bytes or JDK types (strings, maps, lists...) are not validated.
 */
public final class StructValidation implements BeforeHandler {

    /** Runs before application hooks of the default priority, as in Pitaya where it is registered first. */
    public static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE;

    private final Validator validator;

    public StructValidation(Validator validator) {
        this.validator = validator;
    }

    @Override
    public void beforeHandler(BeforeContext context) {
        Object argument = context.argument();
        if (argument == null || argument.getClass().isArray() || argument.getClass().getName().startsWith("java.")) {
            return;
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(argument);
        if (violations.isEmpty()) {
            return;
        }
        Map<String, String> byProperty = new TreeMap<>();
        for (ConstraintViolation<Object> v : violations) {
            String path = v.getPropertyPath().toString();
            String property = path.isEmpty() ? argument.getClass().getSimpleName() : path;
            byProperty.merge(property, v.getMessage(), (a, b) -> a.compareTo(b) <= 0 ? a + "; " + b : b + "; " + a);
        }
        StringJoiner message = new StringJoiner(", ", "invalid argument: ", "");
        byProperty.forEach((property, problem) -> message.add(property + " " + problem));
        throw new PitayaException(PitayaException.BAD_REQUEST, message.toString(), byProperty);
    }
}
