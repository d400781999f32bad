package io.strata.catalog.datapods;

import java.util.List;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.type.TypeReference;

import io.strata.common.persistence.JsonColumns;

/** A data pod's members column, as a JSON list. */
@Converter
public class PodMembersConverter extends JsonColumns<List<PodMember>> {

    public PodMembersConverter() {
        super(new TypeReference<>() {
        });
    }
}
