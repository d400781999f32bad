package io.strata.common.persistence;

import jakarta.persistence.AttributeConverter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The base of the converters that keep a value as JSON text in one column: a subclass names the Java type, and
 * text that cannot be read back is an error that names the type, never an empty value that hides lost data.
 *
 * @param <T> the column's Java type
 */
public abstract class JsonColumns<T> implements AttributeConverter<T, String> {

    /** One mapper for every JSON column: ISO-8601 times, unknown fields ignored (columns may outlive a field). */
    static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final JavaType type;

    protected JsonColumns(TypeReference<T> type) {
        this.type = MAPPER.getTypeFactory().constructType(type);
    }

    @Override
    public String convertToDatabaseColumn(T value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + type + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public T convertToEntityAttribute(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON column meant to hold " + type + " holds unreadable text: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The shared mapper, for code that turns a tree from a column into a record. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
