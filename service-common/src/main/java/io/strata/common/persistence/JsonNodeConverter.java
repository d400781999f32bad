package io.strata.common.persistence;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

/** A JSON column kept as a tree, for values whose type depends on another column (an operation's data). */
@Converter
public class JsonNodeConverter extends JsonColumns<JsonNode> {

    public JsonNodeConverter() {
        super(new TypeReference<>() {
        });
    }
}
