package io.strata.catalog.bookmarks;

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
import io.strata.contracts.catalog.BookmarkView;

/** A named point on one or more datasets' timelines; its snapshots are held while it lives. */
@Entity
@Table(name = "bookmark")
public class Bookmark extends PanacheEntityBase {

    /** Where a bookmark is in its life. */
    public enum Status {
        /** Its holds are asked for; nothing can be provisioned from it yet. */
        PENDING,
        /** Every snapshot is held. */
        READY,
        /** Its holds are being released. */
        DELETING
    }

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    /** The points: one snapshot per dataset. */
    @Convert(converter = BookmarkPointsConverter.class)
    @Column(nullable = false, columnDefinition = "text")
    public List<BookmarkPoint> points;

    /** The tags. */
    @Convert(converter = StringListConverter.class)
    @Column(nullable = false, columnDefinition = "text")
    public List<String> tags;

    public boolean shared;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** The job making or deleting it. */
    @Column(name = "job_id")
    public UUID jobId;

    /** The data pod it is a bookmark of (one snapshot per virtual database), or {@code null}. */
    @Column(name = "pod_id")
    public String podId;

    /**
     * The branch of its pod that was active when it was made; {@code null} for one not made from a pod or made
     * before the branch was recorded.
     */
    public String branch;

    /**
     * The Kubernetes Bookmark resource it was made for ({@code namespace/name}); the operator alone deletes it, when
     * the resource goes. {@code null} for one made over REST.
     */
    @Column(name = "managed_by")
    public String managedBy;

    /** The user who made it, or {@code null} for one made before users existed. */
    public String owner;

    /** The users it is shared with by name (besides everyone, when {@link #shared}). */
    @Convert(converter = StringListConverter.class)
    @Column(name = "shared_with", nullable = false, columnDefinition = "text")
    public List<String> sharedWith = new java.util.ArrayList<>();

    /** The holder name the snapshot service keeps for it. */
    public String holder() {
        return holderOf(id);
    }

    /** A bookmark by id or name, or {@code null}. */
    public static Bookmark byIdOrName(String idOrName) {
        Bookmark bookmark = findById(idOrName);
        return bookmark != null ? bookmark : find("name", idOrName).firstResult();
    }

    /** The holder name the snapshot service keeps for the bookmark {@code id}. */
    public static String holderOf(String id) {
        return "bookmark:" + id;
    }

    /** The API's view of this bookmark. */
    public BookmarkView view() {
        return new BookmarkView(id, name, points, tags, shared, expiresAt, createdAt, status.name(), jobId, podId,
                owner, sharedWith, branch);
    }
}
