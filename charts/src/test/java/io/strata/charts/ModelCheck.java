package io.strata.charts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Finds the fields of a rendered object that no schema knows: a misspelled field or one at the wrong level.
 * fabric8's typed model keeps whatever it cannot map (an unknown name, a value of the wrong type) in an
 * {@code additionalProperties} map, so every such map must be empty. Strimzi's and CloudNativePG's resources have no
 * typed model: their fields are checked against {@code known-fields.yaml}, the part of those operators' CRDs the chart
 * uses.
 */
final class ModelCheck {

    /** In known-fields.yaml: a field whose value may be anything (a free-form map such as Kafka's config). */
    private static final String ANY = "any";

    private final Map<String, Object> knownFields;

    private ModelCheck(Map<String, Object> knownFields) {
        this.knownFields = knownFields;
    }

    /** The check, with the known fields of the operators' resources from the test resources. */
    static ModelCheck load() {
        try (InputStream in = ModelCheck.class.getResourceAsStream("/known-fields.yaml")) {
            return new ModelCheck(Chart.SERIALIZATION.unmarshal(in, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every unknown field of an object, as {@code Kind/name: path}; empty when all are known. */
    List<String> unknownFields(HasMetadata object) {
        List<String> found = new ArrayList<>();
        String where = object.getKind() + "/" + object.getMetadata().getName() + ":";
        if (object instanceof GenericKubernetesResource generic) {
            Object schema = knownFields.get(generic.getKind());
            if (schema == null) {
                found.add(where + " kind " + generic.getKind() + " (apiVersion " + generic.getApiVersion()
                        + ") has neither a typed model nor known fields");
            } else {
                compare(generic.getAdditionalProperties(), schema, where, found);
            }
            walk(generic.getMetadata(), where + " metadata", found);
        } else {
            walk(object, where, found);
        }
        return found;
    }

    /** Collects non-empty additionalProperties maps of a fabric8 model object and of everything it holds. */
    private static void walk(Object value, String path, List<String> found) {
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", found);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, found));
        } else if (value != null && value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        inspect(value, field, path, found);
                    }
                }
            }
        }
    }

    private static void inspect(Object owner, Field field, String path, List<String> found) {
        field.setAccessible(true);
        Object value;
        try {
            value = field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
        if ("additionalProperties".equals(field.getName())) {
            if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                extra.forEach((key, unknown) -> found.add(path + " unknown field " + key + " = " + unknown));
            }
        } else {
            walk(value, path.endsWith(":") ? path + " " + field.getName() : path + "." + field.getName(), found);
        }
    }

    /** Compares a generic resource's fields with their description in known-fields.yaml. */
    private static void compare(Object value, Object schema, String path, List<String> found) {
        if (ANY.equals(schema)) {
            return;
        }
        if (schema instanceof Map<?, ?> fields) {
            if (!(value instanceof Map<?, ?> map)) {
                found.add(path + " should be an object, is " + value);
                return;
            }
            map.forEach((key, item) -> {
                if (fields.containsKey(key)) {
                    compare(item, fields.get(key), path + " " + key, found);
                } else if (!"apiVersion".equals(key) && !"kind".equals(key)) {
                    found.add(path + " unknown field " + key + " = " + item);
                }
            });
        } else if (schema instanceof List<?> element) {
            if (!(value instanceof List<?> items)) {
                found.add(path + " should be a list, is " + value);
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                compare(items.get(i), element.get(0), path + "[" + i + "]", found);
            }
        } else if (value instanceof Map || value instanceof List) {
            found.add(path + " should be a single value, is " + value);
        }
    }
}
