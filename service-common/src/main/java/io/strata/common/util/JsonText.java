package io.strata.common.util;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON kept in text columns (parameters, metadata, references): written and read back in one place. */
public final class JsonText {

    private JsonText() {
    }

    /** A value as JSON text. */
    public static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** A JSON object of strings; empty for {@code null} or unreadable text. */
    public static Map<String, String> strings(ObjectMapper mapper, String json) {
        try {
            return json == null
                    ? new LinkedHashMap<>()
                    : mapper.readValue(json,
                            new TypeReference<LinkedHashMap<String, String>>() {
                            });
        } catch (JsonProcessingException e) {
            return new LinkedHashMap<>();
        }
    }

    /** A JSON object; empty for {@code null}. */
    public static Map<String, Object> objects(ObjectMapper mapper, String json) {
        try {
            return json == null
                    ? new LinkedHashMap<>()
                    : mapper.readValue(json,
                            new TypeReference<LinkedHashMap<String, Object>>() {
                            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read JSON: " + e.getMessage(), e);
        }
    }

    /** A JSON text as the given type. */
    public static <T> T read(ObjectMapper mapper, String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read JSON: " + e.getMessage(), e);
        }
    }
}
