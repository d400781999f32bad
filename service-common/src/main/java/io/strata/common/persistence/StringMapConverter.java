package io.strata.common.persistence;

import java.util.Map;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.type.TypeReference;

/** A {@code Map<String, String>} column (snapshot metadata, hook commands) as a JSON object. */
@Converter
public class StringMapConverter extends JsonColumns<Map<String, String>> {

    public StringMapConverter() {
        super(new TypeReference<>() {
        });
    }
}
