package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

/** A restore of a data pod: onto a bookmark, or to a moment of the pod's own timeline. One of the two. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodRestoreSpec extends PodActionSpec {

    @JsonPropertyDescription("A bookmark, by id or name, of this pod or of another pod of its template (one shared "
            + "with you); instead of timestamp.")
    private String bookmark;

    @JsonPropertyDescription("A moment of the pod's timeline (RFC 3339, e.g. 2026-12-03T10:15:30Z), from its last "
            + "refresh, restore, reset, undo or branch activation until now, recovered from each virtual database's "
            + "own log; instead of bookmark.")
    @Pattern(StrataResources.TIMESTAMP_PATTERN)
    private String timestamp;

    public String getBookmark() {
        return bookmark;
    }

    public void setBookmark(String bookmark) {
        this.bookmark = bookmark;
    }

    public String getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(String timestamp) {
        this.timestamp = timestamp;
    }
}
