package io.strata.masking.ruleset;

import java.util.List;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.type.TypeReference;

import io.strata.common.persistence.JsonColumns;
import io.strata.masking.algorithms.MaskingRule;

/** A ruleset's rules column, as a JSON list. */
@Converter
public class MaskingRulesConverter extends JsonColumns<List<MaskingRule>> {

    public MaskingRulesConverter() {
        super(new TypeReference<>() {
        });
    }
}
