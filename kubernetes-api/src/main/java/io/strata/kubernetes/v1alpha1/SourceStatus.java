package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What a {@link Source} is: Strata's source, its last sync and its conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceStatus extends StrataStatus {

    @JsonPropertyDescription("Strata's id of the source, also its dataset id: a VirtualDatabase's from.dataset or a "
            + "MaskedDataset's sourceId may name it.")
    private String id;

    @JsonPropertyDescription("Its state in Strata: LINKING, ACTIVE, DISABLED, FAILED, DELETING.")
    private String state;

    @JsonPropertyDescription("When it was last synced (RFC 3339).")
    private String lastSyncAt;

    @JsonPropertyDescription("Its newest snapshot (GET /api/v1/snapshots/{id}).")
    private String lastSnapshot;

    @JsonPropertyDescription("How many snapshots it has.")
    private Integer snapshots;

    @JsonPropertyDescription("The job that linked it (GET /api/v1/jobs/{id}).")
    private String jobId;

    @JsonPropertyDescription("A digest of the spec's fields that cannot change, as the source was linked; a spec that "
            + "no longer matches it is reported in Ready.")
    private String specDigest;

    @JsonPropertyDescription("The Secret version (uid/resourceVersion) whose credentials Strata holds: when the Secret "
            + "changes, its new value is checked and, if accepted, replaces the old one.")
    private String credentialsVersion;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getLastSyncAt() {
        return lastSyncAt;
    }

    public void setLastSyncAt(String lastSyncAt) {
        this.lastSyncAt = lastSyncAt;
    }

    public String getLastSnapshot() {
        return lastSnapshot;
    }

    public void setLastSnapshot(String lastSnapshot) {
        this.lastSnapshot = lastSnapshot;
    }

    public Integer getSnapshots() {
        return snapshots;
    }

    public void setSnapshots(Integer snapshots) {
        this.snapshots = snapshots;
    }

    public String getJobId() {
        return jobId;
    }

    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    public String getSpecDigest() {
        return specDigest;
    }

    public void setSpecDigest(String specDigest) {
        this.specDigest = specDigest;
    }

    public String getCredentialsVersion() {
        return credentialsVersion;
    }

    public void setCredentialsVersion(String credentialsVersion) {
        this.credentialsVersion = credentialsVersion;
    }
}
