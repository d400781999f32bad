package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A branch activation of a data pod: which branch, and the bookmark to make it from when the pod has none so named. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodActivateSpec extends PodActionSpec {

    @JsonPropertyDescription("The branch to activate, by name (\"main\" is the pod's first line).")
    @Required
    @Pattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")
    private String branch;

    @JsonPropertyDescription("A bookmark, by id or name, of this pod or of another pod of its template: the branch is "
            + "made from it first when the pod has no branch of that name (as POST /api/v1/datapods/{id}/branches). "
            + "Without it the branch must exist.")
    private String fromBookmark;

    public String getBranch() {
        return branch;
    }

    public void setBranch(String branch) {
        this.branch = branch;
    }

    public String getFromBookmark() {
        return fromBookmark;
    }

    public void setFromBookmark(String fromBookmark) {
        this.fromBookmark = fromBookmark;
    }
}
