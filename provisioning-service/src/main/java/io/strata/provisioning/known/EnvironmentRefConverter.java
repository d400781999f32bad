package io.strata.provisioning.known;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.type.TypeReference;

import io.strata.common.persistence.JsonColumns;
import io.strata.contracts.ingest.EnvironmentRef;

/** An {@link EnvironmentRef} column, as JSON. */
@Converter
public class EnvironmentRefConverter extends JsonColumns<EnvironmentRef> {

    public EnvironmentRefConverter() {
        super(new TypeReference<>() {
        });
    }
}
