package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What an action on a virtual database names: which one, and the point to go to. Read once, when it starts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VdbActionSpec extends VdbTargetSpec {

    @JsonPropertyDescription("The snapshot to go to: for a refresh one of the parent dataset's, for a rewind one of "
            + "the virtual database's own. Default: the parent's newest (refresh).")
    private String snapshot;

    @JsonPropertyDescription("A bookmark, by id or name, to go to instead of a snapshot.")
    private String bookmark;

    public String getSnapshot() {
        return snapshot;
    }

    public void setSnapshot(String snapshot) {
        this.snapshot = snapshot;
    }

    public String getBookmark() {
        return bookmark;
    }

    public void setBookmark(String bookmark) {
        this.bookmark = bookmark;
    }
}
