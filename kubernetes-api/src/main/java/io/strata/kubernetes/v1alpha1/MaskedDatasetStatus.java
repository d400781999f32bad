package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What a {@link MaskedDataset} is: Strata's masked dataset, its newest masked snapshot and its conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaskedDatasetStatus extends StrataStatus {

    @JsonPropertyDescription("Strata's id of the masked dataset, also its dataset id: a VirtualDatabase's "
            + "from.dataset may name it.")
    private String id;

    @JsonPropertyDescription("The source whose snapshots it masks.")
    private String sourceId;

    @JsonPropertyDescription("The ruleset it masks with.")
    private String rulesetId;

    @JsonPropertyDescription("Its newest masked snapshot (GET /api/v1/masked-datasets/{id}/snapshots/{snapshot}/"
            + "report); Ready once there is one.")
    private String latestSnapshot;

    @JsonPropertyDescription("How its last masking went: RUNNING, SUCCEEDED or FAILED.")
    private String lastMasking;

    @JsonPropertyDescription("The job of its last masking (GET /api/v1/jobs/{id}).")
    private String jobId;

    @JsonPropertyDescription("The ruleset version its last masking used.")
    private Integer rulesetVersion;

    @JsonPropertyDescription("A digest of the spec as the masked dataset was made; a spec that no longer matches it is "
            + "reported in Ready, since a masked dataset cannot change.")
    private String specDigest;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getSourceId() {
        return sourceId;
    }

    public void setSourceId(String sourceId) {
        this.sourceId = sourceId;
    }

    public String getRulesetId() {
        return rulesetId;
    }

    public void setRulesetId(String rulesetId) {
        this.rulesetId = rulesetId;
    }

    public String getLatestSnapshot() {
        return latestSnapshot;
    }

    public void setLatestSnapshot(String latestSnapshot) {
        this.latestSnapshot = latestSnapshot;
    }

    public String getLastMasking() {
        return lastMasking;
    }

    public void setLastMasking(String lastMasking) {
        this.lastMasking = lastMasking;
    }

    public String getJobId() {
        return jobId;
    }

    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    public Integer getRulesetVersion() {
        return rulesetVersion;
    }

    public void setRulesetVersion(Integer rulesetVersion) {
        this.rulesetVersion = rulesetVersion;
    }

    public String getSpecDigest() {
        return specDigest;
    }

    public void setSpecDigest(String specDigest) {
        this.specDigest = specDigest;
    }
}
