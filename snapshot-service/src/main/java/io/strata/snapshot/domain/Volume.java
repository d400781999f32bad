package io.strata.snapshot.domain;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** A writable volume on the pool: an empty one, or a clone of a snapshot. */
@Entity
@Table(name = "volume")
public class Volume extends PanacheEntityBase {

    /** A volume's life. DELETED rows stay for lineage. */
    public enum State {
        READY, DELETING, DELETED, FAILED
    }

    @Id
    public String id;

    @Column(nullable = false)
    public String dataset;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "origin_snapshot")
    public String originSnapshot;

    public boolean promoted;

    @Column(nullable = false, columnDefinition = "text")
    public String path;

    @Column(name = "logical_size")
    public Long logicalSize;

    @Column(name = "unique_size")
    public Long uniqueSize;

    @Column(columnDefinition = "text")
    public String error;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Whether the volume still exists (or should). */
    public boolean isLive() {
        return state == State.READY || state == State.DELETING;
    }

    /** Live volumes, oldest first. */
    public static List<Volume> live() {
        return list("state in ?1", Sort.ascending("createdAt"), List.of(State.READY, State.DELETING));
    }

    /** Live clones made from a snapshot and not promoted away from it. */
    public static List<Volume> clonesOf(String snapshotId) {
        return list("originSnapshot = ?1 and promoted = false and state in ?2", snapshotId,
                List.of(State.READY, State.DELETING));
    }
}
