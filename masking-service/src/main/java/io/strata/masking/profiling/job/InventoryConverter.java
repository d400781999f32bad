package io.strata.masking.profiling.job;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.type.TypeReference;

import io.strata.common.persistence.JsonColumns;
import io.strata.masking.profiling.Inventory;

/** A profiling run's inventory column, as JSON. */
@Converter
public class InventoryConverter extends JsonColumns<Inventory> {

    public InventoryConverter() {
        super(new TypeReference<>() {
        });
    }
}
