package io.strata.common.persistence;

import java.util.List;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.type.TypeReference;

/** A {@code List<String>} column (a bookmark's tags) as a JSON list. */
@Converter
public class StringListConverter extends JsonColumns<List<String>> {

    public StringListConverter() {
        super(new TypeReference<>() {
        });
    }
}
