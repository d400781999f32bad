package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What a {@link Bookmark} is: Strata's bookmark, its state and its conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BookmarkStatus extends StrataStatus {

    @JsonPropertyDescription("Strata's id of the bookmark (GET /api/v1/bookmarks/{id}); a DataPod's fromBookmark or "
            + "a restore may name it.")
    private String id;

    @JsonPropertyDescription("Its state in Strata: PENDING (its snapshots are being held), READY, DELETING.")
    private String state;

    @JsonPropertyDescription("How many snapshots it holds: one per virtual database of the pod.")
    private Integer snapshots;

    @JsonPropertyDescription("The last Strata job run for it (GET /api/v1/jobs/{id}).")
    private String jobId;

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
}
