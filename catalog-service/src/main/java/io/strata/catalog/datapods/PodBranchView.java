package io.strata.catalog.datapods;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A data pod's branch as the API shows it.
 *
 * @param name its name
 * @param active whether the pod's virtual databases stand on it
 * @param fromBookmark the bookmark it was made from, or {@code null} for {@code main}
 * @param createdAt when it was made
 * @param updatedAt when its newest state was last recorded
 * @param snapshots the snapshots the pod took while on it, oldest first: each state saved before a refresh, restore,
 *        reset, undo or activation (one per virtual database) and each mark of a restore to a moment
 */
public record PodBranchView(String name, boolean active, String fromBookmark, Instant createdAt, Instant updatedAt,
        List<String> snapshots) {

    static PodBranchView of(PodBranch branch, DataPod pod) {
        return new PodBranchView(branch.name, branch.name.equals(pod.activeBranch), branch.fromBookmark,
                branch.createdAt, branch.updatedAt, List.copyOf(branch.snapshots));
    }

    /**
     * {@code POST /api/v1/datapods/{id}/branches}.
     *
     * @param name a name unique among the pod's branches
     * @param fromBookmark the bookmark of this pod it starts from
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CreateBranch(
            @NotNull(message = NAME) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,62}", message = NAME) String name,
            @NotNull(message = "is required: a bookmark of this pod (GET /api/v1/bookmarks)") String fromBookmark) {

        /** What a request without a body is told. */
        public static final String REQUIRED = "is required: send a JSON body {name, fromBookmark}";

        private static final String NAME = "is required: 1 to 63 letters, digits, '.', '_' or '-'";
    }
}
