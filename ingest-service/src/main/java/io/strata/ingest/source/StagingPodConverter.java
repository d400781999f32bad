package io.strata.ingest.source;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.type.TypeReference;

import io.strata.common.persistence.JsonColumns;
import io.strata.engine.StagingPod;

/** Stores how a staging pod runs as JSON. */
@Converter
public class StagingPodConverter extends JsonColumns<StagingPod> {

    public StagingPodConverter() {
        super(new TypeReference<>() {
        });
    }
}
