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

/** A read-only snapshot of a volume, one point on its dataset's timeline. */
@Entity
@Table(name = "snapshot")
public class Snapshot extends PanacheEntityBase {

    /** A snapshot's life. DELETED rows stay so that lineage can still be walked. */
    public enum State {
        READY, DELETED, FAILED
    }

    @Id
    public String id;

    @Column(nullable = false)
    public String dataset;

    @Column(nullable = false)
    public String volume;

    public String parent;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    public String position;

    @Column(name = "position_time")
    public Instant positionTime;

    /** The requester's metadata, as JSON. */
    @Column(columnDefinition = "text")
    public String metadata;

    @Column(name = "logical_size")
    public Long logicalSize;

    @Column(name = "unique_size")
    public Long uniqueSize;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** A dataset's READY snapshots, oldest first. */
    public static List<Snapshot> ofDataset(String dataset) {
        return list("dataset = ?1 and state = ?2", Sort.ascending("createdAt", "id"), dataset, State.READY);
    }

    /** The newest READY snapshot taken from a volume, or {@code null}. */
    public static Snapshot latestOfVolume(String volume) {
        return find("volume = ?1 and state = ?2", Sort.descending("createdAt", "id"), volume, State.READY)
                .firstResult();
    }

    /** The newest READY snapshot of a dataset, or {@code null}. */
    public static Snapshot latestOfDataset(String dataset) {
        return find("dataset = ?1 and state = ?2", Sort.descending("createdAt", "id"), dataset, State.READY)
                .firstResult();
    }
}
