package io.strata.kubernetes.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

/**
 * Where a virtual database's data comes from: a dataset's newest snapshot, a snapshot, a bookmark, or a dataset at a
 * moment. The same choices as {@code from} of {@code POST /api/v1/vdbs}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataPoint {

    @JsonPropertyDescription("A dataset (a source or a masked dataset), by id or name: its newest snapshot, or with "
            + "timestamp the moment given, or with bookmark that bookmark's point on it.")
    private String dataset;

    @JsonPropertyDescription("A snapshot id (GET /api/v1/snapshots). Not together with dataset or bookmark.")
    private String snapshot;

    @JsonPropertyDescription("A bookmark, by id or name, shared with or owned by the operator's user.")
    private String bookmark;

    @JsonPropertyDescription("A moment of dataset (RFC 3339, e.g. 2026-12-03T10:15:30Z), replayed from the source's "
            + "kept log; needs dataset.")
    @Pattern(StrataResources.TIMESTAMP_PATTERN)
    private String timestamp;

    public String getDataset() {
        return dataset;
    }

    public void setDataset(String dataset) {
        this.dataset = dataset;
    }

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

    public String getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(String timestamp) {
        this.timestamp = timestamp;
    }

    /** A copy, to keep in a status what a spec said. */
    public DataPoint copy() {
        DataPoint copy = new DataPoint();
        copy.setDataset(dataset);
        copy.setSnapshot(snapshot);
        copy.setBookmark(bookmark);
        copy.setTimestamp(timestamp);
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataPoint point && Objects.equals(dataset, point.dataset) && Objects.equals(snapshot,
                point.snapshot) && Objects.equals(bookmark, point.bookmark)
                && Objects.equals(timestamp,
                        point.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataset, snapshot, bookmark, timestamp);
    }
}
