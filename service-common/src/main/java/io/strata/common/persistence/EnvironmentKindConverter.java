package io.strata.common.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import io.strata.contracts.ingest.EnvironmentKind;

/** An environment's kind, stored as on the wire ({@code local}, {@code ssh}, {@code kubernetes}). */
@Converter
public class EnvironmentKindConverter implements AttributeConverter<EnvironmentKind, String> {

    @Override
    public String convertToDatabaseColumn(EnvironmentKind kind) {
        return kind == null ? null : kind.wire();
    }

    @Override
    public EnvironmentKind convertToEntityAttribute(String text) {
        EnvironmentKind kind = EnvironmentKind.of(text);
        if (text != null && kind == null) {
            throw new IllegalStateException("An environment row holds the unknown kind '" + text + "'.");
        }
        return kind;
    }
}
