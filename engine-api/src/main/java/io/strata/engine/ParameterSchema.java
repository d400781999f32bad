package io.strata.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                if (parameter.required()) {
                    errors.add(new FieldError(path, path + " is required: " + parameter.description()));
                }
                continue;
            }
            switch (parameter.type()) {
                case STRING -> {
                    if (!(value instanceof String text)) {
                        errors.add(new FieldError(path, path + " must be a string"));
                    } else if (parameter.required() && text.isBlank()) {
                        errors.add(new FieldError(path, path + " must not be empty: " + parameter.description()));
                    } else if (parameter.pattern() != null && !Pattern.matches(parameter.pattern(), text)) {
                        errors.add(new FieldError(path, path + " is not valid (" + parameter.description() + ")"));
                    }
                }
                case INTEGER -> {
                    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
                        errors.add(new FieldError(path, path + " must be a whole number"));
                    } else if (parameter.minimum() != null && number.longValue() < parameter.minimum()
                            || parameter.maximum() != null && number.longValue() > parameter.maximum()) {
                        errors.add(new FieldError(path, path + " must be between " + parameter.minimum() + " and "
                                + parameter.maximum() + ", got " + number));
                    }
                }
                case BOOLEAN -> {
                    if (!(value instanceof Boolean)) {
                        errors.add(new FieldError(path, path + " must be true or false"));
                    }
                }
                case STRING_LIST -> {
                    if (!(value instanceof List<?> list) || list.stream().anyMatch(item -> !(item instanceof String))) {
                        errors.add(new FieldError(path, path + " must be a list of strings"));
                    }
                }
                case OBJECT -> {
                    if (!(value instanceof Map<?, ?> map)) {
                        errors.add(new FieldError(path, path + " must be an object"));
                    } else {
                        @SuppressWarnings("unchecked")
                        Map<String, ?> nested = (Map<String, ?>) map;
                        validate(path + ".", parameter.properties(), nested, errors);
                    }
                }
                default -> throw new IllegalStateException(parameter.type().toString());
            }
        }
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
