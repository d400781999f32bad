package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

/** A rewind: the virtual database back to one of its own snapshots, a bookmark on it, or a moment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VdbRewindSpec extends VdbActionSpec {

    @JsonPropertyDescription("A moment of the virtual database's current life (RFC 3339, e.g. 2026-12-03T10:15:30Z), "
            + "replayed from its own kept log; instead of snapshot or bookmark.")
    @Pattern(StrataResources.TIMESTAMP_PATTERN)
    private String timestamp;

    public String getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(String timestamp) {
        this.timestamp = timestamp;
    }
}
