package io.strata.catalog.datapods;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.strata.contracts.catalog.BookmarkPoint;

/** The requests and answers of {@code /api/v1/datapods}. */
public final class DataPodViews {

    private DataPodViews() {
    }

    /**
     * {@code POST /api/v1/datapods}.
     *
     * @param name a unique name, also the start of its virtual databases' names
     * @param template the template (id or name) whose datasets it gets one virtual database of each
     * @param fromBookmark instead of a template: a bookmark of another pod (yours, or shared with you), whose data
     *        the new pod's virtual databases start with
     * @param owners the users who own it (default: the caller)
     * @param expiresAt when it deletes itself (unless protected then); none: kept until deleted
     * @param protect {@code protected}: neither its expiry nor a request deletes it until it is unprotected
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CreateDataPod(
            @NotNull(message = NAME) @Pattern(regexp = NAME_PATTERN, message = NAME) String name,
            String template,
            String fromBookmark,
            @Size(max = 20, message = "holds at most 20 users") List<@NotBlank(message = "must be a user name") String> owners,
            Instant expiresAt,
            @JsonProperty("protected") Boolean protect) {

        /** What a data pod's name looks like. */
        public static final String NAME_PATTERN = "[a-z0-9][a-z0-9_-]{0,39}";

        /** What a request without a body is told. */
        public static final String REQUIRED = "is required: send a JSON body {name, template | fromBookmark, owners, "
                + "expiresAt, protected}";

        private static final String NAME = "is required: 1 to 40 lower-case letters, digits, '_' or '-'";
    }

    /**
     * {@code POST /api/v1/datapods/{id}/restore}.
     *
     * @param bookmark a bookmark of this pod (id or name)
     * @param timestamp instead of a bookmark: a moment of the pod's own timeline (RFC 3339), from
     *        {@code timelineFrom} until now
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RestoreDataPod(String bookmark, Instant timestamp) {

        /** What a request without a body is told. */
        public static final String REQUIRED = "is required: send a JSON body {bookmark} or {timestamp}";
    }

    /**
     * {@code PATCH /api/v1/datapods/{id}}: what is given changes, what is left out stays.
     *
     * @param expiresAtGiven whether {@code expiresAt} was given (as a moment, or {@code null} to keep the pod until
     *        it is deleted)
     * @param expiresAt when it deletes itself
     * @param protect {@code protected}, or {@code null} to leave it as it is
     */
    public record ChangeDataPod(boolean expiresAtGiven, Instant expiresAt, Boolean protect) {
    }

    /**
     * A data pod as the API shows it.
     *
     * @param id its id
     * @param name its name
     * @param template its template's id
     * @param owners the users who own it
     * @param status CREATING, READY, BUSY, FAILED, DELETING or DELETED
     * @param vdbs its virtual databases, in the template's order
     * @param current the snapshot each virtual database's data last came from
     * @param resetTo where a reset goes ({@code creation}, {@code bookmark qa-1}, {@code refresh}...)
     * @param undo what an undo would undo, or {@code null} when there is nothing to undo
     * @param activeBranch the branch its virtual databases stand on
     * @param timelineFrom since when it can be restored to any moment ({@code timestamp}), until now
     * @param expiresAt when it deletes itself, unless protected; {@code null}: kept until deleted
     * @param protect {@code protected}: neither its expiry nor a request deletes it
     * @param lockedBy the user who locked it, or {@code null}
     * @param jobId its running or last operation's job
     * @param error why its last operation failed
     * @param createdAt when it was asked for
     * @param updatedAt when it last changed
     */
    public record DataPodView(String id, String name, String template, List<String> owners, String status,
            List<PodMember> vdbs, List<BookmarkPoint> current, String resetTo, String undo, String activeBranch,
            Instant timelineFrom, Instant expiresAt, @JsonProperty("protected") boolean protect, String lockedBy,
            UUID jobId, String error, Instant createdAt, Instant updatedAt) {

        static DataPodView of(DataPod pod) {
            return new DataPodView(pod.id, pod.name, pod.templateId, pod.owners, pod.status.name(), pod.members,
                    pod.current, pod.resetLabel, pod.undoPoint != null ? pod.undoLabel : null, pod.activeBranch,
                    pod.timelineFrom, pod.expiresAt, pod.deletionProtected, pod.lockedBy, pod.jobId, pod.error,
                    pod.createdAt, pod.updatedAt);
        }
    }
}
