package io.strata.kubernetes.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** What a {@link Bookmark} should be: the same fields as {@code POST /api/v1/datapods/{id}/bookmarks}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BookmarkSpec {

    @JsonPropertyDescription("The DataPod resource in this namespace to bookmark, by metadata.name: one snapshot of "
            + "every virtual database of the pod, taken together, as it is when the resource is made.")
    @Required
    @Pattern(StrataResources.RESOURCE_NAME_PATTERN)
    private String dataPod;

    @JsonPropertyDescription("Its name in Strata, unique there; default: metadata.name.")
    @Pattern("^[A-Za-z0-9][A-Za-z0-9 ._:-]{0,99}$")
    private String name;

    @JsonPropertyDescription("Tags to find it by (GET /api/v1/bookmarks?tag=...), e.g. bug-4711.")
    private List<String> tags;

    @JsonPropertyDescription("Whether every user may see it and start a pod of it; default: private to the pod's "
            + "owners. Named users: POST /api/v1/bookmarks/{id}/share.")
    private Boolean shared;

    @JsonPropertyDescription("When Strata deletes it (RFC 3339), releasing its snapshots; none: kept until the "
            + "resource is deleted.")
    @Pattern(StrataResources.TIMESTAMP_PATTERN)
    private String expiresAt;

    public String getDataPod() {
        return dataPod;
    }

    public void setDataPod(String dataPod) {
        this.dataPod = dataPod;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }

    public Boolean getShared() {
        return shared;
    }

    public void setShared(Boolean shared) {
        this.shared = shared;
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(String expiresAt) {
        this.expiresAt = expiresAt;
    }
}
