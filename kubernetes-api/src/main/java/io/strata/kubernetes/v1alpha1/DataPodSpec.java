package io.strata.kubernetes.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

/** What a {@link DataPod} should be: the same fields as {@code POST /api/v1/datapods}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataPodSpec {

    @JsonPropertyDescription("Its name in Strata (GET /api/v1/datapods), unique there; default: metadata.name. 1 to 40 "
            + "lower-case letters, digits, '_' or '-'.")
    @Pattern("^[a-z0-9][a-z0-9_-]{0,39}$")
    private String name;

    @JsonPropertyDescription("The template (by id or name) whose datasets the pod gets, one virtual database each, "
            + "from its newest consistent point. Exactly one of template and fromBookmark.")
    private String template;

    @JsonPropertyDescription("A bookmark of another pod of the same template (by id or name, its owner's or shared): "
            + "the pod's virtual databases start as private copies of its data.")
    private String fromBookmark;

    @JsonPropertyDescription("Strata users (GET /api/v1/users) who own the pod besides the operator: they see, "
            + "bookmark, reset and branch it through the API and the CLI.")
    private List<String> owners;

    @JsonPropertyDescription("When Strata deletes the pod (RFC 3339), unless it is protected; none: kept until the "
            + "resource is deleted. Changing it changes the pod.")
    @Pattern(StrataResources.TIMESTAMP_PATTERN)
    private String expiresAt;

    @JsonPropertyDescription("Whether the pod is protected: neither its expiry nor a delete removes it; deleting the "
            + "resource then waits until this is set to false. Changing it changes the pod.")
    @JsonProperty("protected")
    private Boolean protect;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTemplate() {
        return template;
    }

    public void setTemplate(String template) {
        this.template = template;
    }

    public String getFromBookmark() {
        return fromBookmark;
    }

    public void setFromBookmark(String fromBookmark) {
        this.fromBookmark = fromBookmark;
    }

    public List<String> getOwners() {
        return owners;
    }

    public void setOwners(List<String> owners) {
        this.owners = owners;
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(String expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Boolean getProtect() {
        return protect;
    }

    public void setProtect(Boolean protect) {
        this.protect = protect;
    }
}
