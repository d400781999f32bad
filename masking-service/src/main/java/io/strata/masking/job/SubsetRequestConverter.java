package io.strata.masking.job;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.type.TypeReference;

import io.strata.common.persistence.JsonColumns;
import io.strata.masking.subset.SubsetRequest;

/** A masking run's subset column, as JSON. */
@Converter
public class SubsetRequestConverter extends JsonColumns<SubsetRequest> {

    public SubsetRequestConverter() {
        super(new TypeReference<>() {
        });
    }
}
