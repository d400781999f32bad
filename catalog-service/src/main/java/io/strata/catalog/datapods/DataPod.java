package io.strata.catalog.datapods;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.common.persistence.BookmarkPointsConverter;
import io.strata.common.persistence.StringListConverter;
import io.strata.contracts.catalog.BookmarkPoint;

/**
 * A data pod: one virtual database per dataset of a template, all from one consistent point, changed together
 * (bookmark, restore, reset, undo, refresh). Its points name, for each virtual database, a snapshot: where it stands
 * now, where a reset takes it back to, and what an undo returns to.
 */
@Entity
@Table(name = "data_pod")
public class DataPod extends PanacheEntityBase {

    /** Where a data pod is in its life. */
    public enum Status {
        /** Its virtual databases are being made. */
        CREATING,
        /** Usable; no operation runs on it. */
        READY,
        /** An operation (bookmark, restore, reset, undo, refresh, activation, stop, start) runs on it. */
        BUSY,
        /** Its virtual databases' engines are stopped; start it to use it. */
        STOPPED,
        /** Its creation failed; what was made of it is being given back. Delete it to forget it. */
        FAILED,
        /** Being deleted. */
        DELETING,
        /** Gone. */
        DELETED
    }

    @Id
    public String id;

    /** Unique among the pods that are not deleted. */
    @Column(nullable = false)
    public String name;

    @Column(name = "template_id", nullable = false)
    public String templateId;

    /** The user names that own it: they see and change it. */
    @Convert(converter = StringListConverter.class)
    @Column(nullable = false, columnDefinition = "text")
    public List<String> owners;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** Its virtual databases, in the template's order. */
    @Convert(converter = PodMembersConverter.class)
    @Column(nullable = false, columnDefinition = "text")
    public List<PodMember> members;

    /** The snapshot each virtual database's data came from most recently (dataset = the VDB's id). */
    @Convert(converter = BookmarkPointsConverter.class)
    @Column(columnDefinition = "text")
    public List<BookmarkPoint> current;

    /** Where a reset goes: the last bookmark, restore or refresh. */
    @Convert(converter = BookmarkPointsConverter.class)
    @Column(name = "reset_point", columnDefinition = "text")
    public List<BookmarkPoint> resetPoint;

    /** What {@link #resetPoint} is, for people: {@code bookmark demo-1}, {@code refresh}, {@code creation}. */
    @Column(name = "reset_label")
    public String resetLabel;

    /** The state the last refresh, restore, reset or undo replaced: where an undo goes. */
    @Convert(converter = BookmarkPointsConverter.class)
    @Column(name = "undo_point", columnDefinition = "text")
    public List<BookmarkPoint> undoPoint;

    /** What an undo would undo, for people: {@code reset}, {@code restore to bookmark demo-1}. */
    @Column(name = "undo_label")
    public String undoLabel;

    /** The branch its virtual databases stand on. */
    @Column(name = "active_branch", nullable = false)
    public String activeBranch = PodBranch.MAIN;

    /** The branch that was active before the last refresh, restore, reset, undo or activation. */
    @Column(name = "undo_branch")
    public String undoBranch;

    /**
     * Since when every virtual database keeps its own log on the current data: a restore goes to any moment from
     * then on. Each refresh, restore, reset, undo or activation starts it again.
     */
    @Column(name = "timeline_from")
    public Instant timelineFrom;

    /** When it deletes itself (unless protected then); {@code null}: kept until deleted. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    /** Protected: neither its expiry nor a request deletes it until it is unprotected. */
    @Column(name = "protected", nullable = false)
    public boolean deletionProtected;

    /**
     * The Kubernetes DataPod resource it was made for ({@code namespace/name}); the operator alone deletes it, when
     * the resource goes. {@code null} for one made over REST.
     */
    @Column(name = "managed_by")
    public String managedBy;

    /** The user who locked it: nobody else changes it until they unlock it. */
    @Column(name = "locked_by")
    public String lockedBy;

    /** The job of its running or last operation. */
    @Column(name = "job_id")
    public UUID jobId;

    /** Why its last operation failed, or {@code null}. */
    @Column(columnDefinition = "text")
    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A pod that is not deleted, by id or name, or {@code null}. */
    public static DataPod byIdOrName(String idOrName) {
        DataPod pod = findById(idOrName);
        if (pod == null || pod.status == Status.DELETED) {
            pod = find("name = ?1 and status <> ?2", idOrName, Status.DELETED).firstResult();
        }
        return pod;
    }
}
