package io.strata.common.persistence;

import java.util.Map;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.type.TypeReference;

/** A {@code Map<String, Object>} column (an engine's parameters) as a JSON object. */
@Converter
public class ObjectMapConverter extends JsonColumns<Map<String, Object>> {

    public ObjectMapConverter() {
        super(new TypeReference<>() {
        });
    }
}
