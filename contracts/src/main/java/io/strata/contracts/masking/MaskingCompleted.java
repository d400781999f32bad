package io.strata.contracts.masking;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.strata.contracts.events.Event;
import io.strata.contracts.events.EventType;

/**
 * A fact: a snapshot of a source was masked, verified and snapshotted onto a masked dataset's timeline, ready to be
 * provisioned. Carries lineage only: no value, no key, no password.
 *
 * @param maskedDataset the masked dataset's id (a dataset id)
 * @param name the masked dataset's name
 * @param sourceSnapshot the source snapshot it was made from
 * @param snapshotId the masked snapshot
 * @param rulesetId the ruleset
 * @param rulesetVersion the ruleset's version it used
 * @param keyIds the ids of the masking keys it used
 * @param jobId the masking job
 */
@EventType(value = "MaskingCompleted", version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MaskingCompleted(String maskedDataset, String name, String sourceSnapshot, String snapshotId,
        String rulesetId, int rulesetVersion, List<String> keyIds, String jobId) implements Event {

    @Override
    public String subject() {
        return maskedDataset;
    }
}
