package io.strata.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fields a plugin accepts, JSON-schema style: names, types, which are required, bounds, patterns, nested objects,
 * and which are secrets (never logged, never in events, never in API answers). The services validate a request
 * against it before doing any work and answer 400 naming the first bad field.
 *
 * @param parameters the top-level fields
 */
public record ParameterSchema(List<Parameter> parameters) {

    /** A field's type. */
    public enum Type {
        STRING, INTEGER, BOOLEAN, OBJECT, STRING_LIST
    }

    /**
     * One field.
     *
     * @param name its name
     * @param type its type
     * @param required whether it must be present
     * @param description what it is, for people and for the generated schema
     * @param secret whether it is a password or key: kept encrypted, never shown
     * @param pattern a regular expression a string must match, or {@code null}
     * @param minimum the smallest integer allowed, or {@code null}
     * @param maximum the largest integer allowed, or {@code null}
     * @param properties for an {@code OBJECT}, its fields
     */
    public record Parameter(String name, Type type, boolean required, String description, boolean secret,
            String pattern, Long minimum, Long maximum, List<Parameter> properties) {

        public static Parameter string(String name, boolean required, String description) {
            return new Parameter(name, Type.STRING, required, description, false, null, null, null, List.of());
        }

        public static Parameter secret(String name, boolean required, String description) {
            return new Parameter(name, Type.STRING, required, description, true, null, null, null, List.of());
        }

        public static Parameter integer(String name, boolean required, String description, long minimum,
                long maximum) {
            return new Parameter(name, Type.INTEGER, required, description, false, null, minimum, maximum, List.of());
        }

        public static Parameter bool(String name, String description) {
            return new Parameter(name, Type.BOOLEAN, false, description, false, null, null, null, List.of());
        }

        public static Parameter object(String name, boolean required, String description, Parameter... fields) {
            return new Parameter(name, Type.OBJECT, required, description, false, null, null, null, List.of(fields));
        }

        /** The same field, constrained to match {@code regex}. */
        public Parameter matching(String regex) {
            return new Parameter(name, type, required, description, secret, regex, minimum, maximum, properties);
        }
    }

    /**
     * A field that failed validation.
     *
     * @param field its path, e.g. {@code connection.port}
     * @param message what is wrong and what is expected
     */
    public record FieldError(String field, String message) {
    }

    public static ParameterSchema of(Parameter... parameters) {
        return new ParameterSchema(List.of(parameters));
    }

    /** Checks values (as read from JSON) against the schema; returns every problem, first ones first. */
    public List<FieldError> validate(Map<String, ?> values) {
        List<FieldError> errors = new ArrayList<>();
        validate("", parameters, values == null ? Map.of() : values, errors);
        return errors;
    }

    private static void validate(String prefix, List<Parameter> parameters, Map<String, ?> values,
            List<FieldError> errors) {
        for (Parameter parameter : parameters) {
            String path = prefix + parameter.name();
            Object value = values.get(parameter.name());
            if (value == null) {
                checkPresence(path, parameter, errors);
            } else {
                checkValue(path, parameter, value, errors);
            }
        }
    }

    /** A missing field is only an error when it is required; an optional one is simply left out. */
    private static void checkPresence(String path, Parameter parameter, List<FieldError> errors) {
        if (parameter.required()) {
            errors.add(new FieldError(path, path + " is required: " + parameter.description()));
        }
    }

    /** Checks a present value against its field's type; an object's fields are checked in turn, depth first. */
    private static void checkValue(String path, Parameter parameter, Object value, List<FieldError> errors) {
        Optional<String> problem = switch (parameter.type()) {
            case STRING -> stringProblem(path, parameter, value);
            case INTEGER -> integerProblem(path, parameter, value);
            case BOOLEAN -> value instanceof Boolean ? Optional.empty() : Optional.of(path + " must be true or false");
            case STRING_LIST ->
                isStringList(value) ? Optional.empty() : Optional.of(path + " must be a list of strings");
            case OBJECT -> objectProblem(path, parameter, value, errors);
            default -> throw new IllegalStateException(parameter.type().toString());
        };
        problem.ifPresent(message -> errors.add(new FieldError(path, message)));
    }

    private static Optional<String> stringProblem(String path, Parameter parameter, Object value) {
        if (!(value instanceof String text)) {
            return Optional.of(path + " must be a string");
        }
        if (parameter.required() && text.isBlank()) {
            return Optional.of(path + " must not be empty: " + parameter.description());
        }
        if (parameter.pattern() != null && !Pattern.matches(parameter.pattern(), text)) {
            return Optional.of(path + " is not valid (" + parameter.description() + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> integerProblem(String path, Parameter parameter, Object value) {
        if (!(value instanceof Number number) || !isWhole(number)) {
            return Optional.of(path + " must be a whole number");
        }
        if (outOfBounds(parameter, number.longValue())) {
            return Optional.of(path + " must be between " + parameter.minimum() + " and " + parameter.maximum()
                    + ", got " + number);
        }
        return Optional.empty();
    }

    /** JSON has one number type: 3.0 is a whole number, 3.5 is not. */
    private static boolean isWhole(Number number) {
        return number.doubleValue() == Math.rint(number.doubleValue());
    }

    private static boolean outOfBounds(Parameter parameter, long number) {
        return parameter.minimum() != null && number < parameter.minimum()
                || parameter.maximum() != null && number > parameter.maximum();
    }

    private static boolean isStringList(Object value) {
        return value instanceof List<?> list && list.stream().allMatch(item -> item instanceof String);
    }

    /**
     * An object's own problem (not being one), or none after its fields were checked: their errors carry their own
     * paths, so they go straight into {@code errors}.
     */
    private static Optional<String> objectProblem(String path, Parameter parameter, Object value,
            List<FieldError> errors) {
        if (!(value instanceof Map<?, ?> map)) {
            return Optional.of(path + " must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> nested = (Map<String, ?>) map;
        validate(path + ".", parameter.properties(), nested, errors);
        return Optional.empty();
    }

    /** The paths of every secret field, e.g. {@code connection.password}. */
    public List<String> secretPaths() {
        List<String> paths = new ArrayList<>();
        collectSecrets("", parameters, paths);
        return paths;
    }

    private static void collectSecrets(String prefix, List<Parameter> parameters, List<String> paths) {
        for (Parameter parameter : parameters) {
            if (parameter.secret()) {
                paths.add(prefix + parameter.name());
            }
            collectSecrets(prefix + parameter.name() + ".", parameter.properties(), paths);
        }
    }

    /** The schema as JSON Schema (draft 2020-12), for docs and {@code GET /engines}. */
    public Map<String, Object> toJsonSchema() {
        return objectSchema(parameters);
    }

    private static Map<String, Object> objectSchema(List<Parameter> parameters) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Parameter parameter : parameters) {
            Map<String, Object> field = new LinkedHashMap<>();
            switch (parameter.type()) {
                case STRING -> field.put("type", "string");
                case INTEGER -> field.put("type", "integer");
                case BOOLEAN -> field.put("type", "boolean");
                case STRING_LIST -> field.putAll(Map.of("type", "array", "items", Map.of("type", "string")));
                case OBJECT -> field.putAll(objectSchema(parameter.properties()));
                default -> throw new IllegalStateException(parameter.type().toString());
            }
            field.put("description", parameter.description());
            if (parameter.secret()) {
                field.put("writeOnly", true);
            }
            if (parameter.pattern() != null) {
                field.put("pattern", parameter.pattern());
            }
            if (parameter.minimum() != null) {
                field.put("minimum", parameter.minimum());
            }
            if (parameter.maximum() != null) {
                field.put("maximum", parameter.maximum());
            }
            properties.put(parameter.name(), field);
            if (parameter.required()) {
                required.add(parameter.name());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }
}
