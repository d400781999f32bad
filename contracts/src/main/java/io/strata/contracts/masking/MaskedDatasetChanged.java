package io.strata.contracts.masking;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a masked dataset was made or deleted. Its snapshots are announced one by one with
 * {@link MaskingCompleted}.
 *
 * @param maskedDataset its id (a dataset id)
 * @param name its name
 * @param source the source dataset it masks
 * @param rulesetId the ruleset it masks with
 * @param state ACTIVE, or DELETED once it is gone
 * @param createdAt when it was made
 * @param changedAt when this change happened
 */
@EventType(value = "MaskedDatasetChanged", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MaskedDatasetChanged(String maskedDataset, String name, String source, String rulesetId, String state,
        Instant createdAt, Instant changedAt) implements Event {

    @Override
    public String subject() {
        return maskedDataset;
    }
}
