package io.strata.ingest.source;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import io.strata.contracts.storage.LogWindowChanged;

/** A snapshot one of a source's syncs made. */
@Entity
@Table(name = "source_snapshot")
@IdClass(SourceSnapshot.Key.class)
public class SourceSnapshot extends PanacheEntityBase {

    @Id
    @Column(name = "source_id")
    public String sourceId;

    @Id
    @Column(name = "snapshot_id")
    public String snapshotId;

    public String position;

    /** The moment the snapshot's data corresponds to. */
    @Column(name = "position_time")
    public Instant positionTime;

    @Column(name = "taken_at", nullable = false)
    public Instant takenAt;

    /** The first file of the kept log a clone of it replays from ({@code SnapshotMetadata.LOG_FROM}), or null. */
    @Column(name = "log_from")
    public String logFrom;

    /** Where the source's kept log is ({@code SnapshotMetadata.WAL_ARCHIVE}), or null. */
    @Column(name = "log_archive")
    public String logArchive;

    /** The oldest of a source's snapshots that stand at a moment, or {@code null}. */
    static SourceSnapshot oldestOf(String sourceId) {
        return find("sourceId = ?1 and positionTime is not null", Sort.ascending("positionTime"), sourceId)
                .firstResult();
    }

    /** The newest of a source's snapshots that stand at a moment, or {@code null}. */
    static SourceSnapshot newestOf(String sourceId) {
        return find("sourceId = ?1 and positionTime is not null", Sort.descending("positionTime"), sourceId)
                .firstResult();
    }

    /**
     * The moments of a source that can be provisioned: from its oldest snapshot to {@code to}, replayed from the kept
     * log in {@code archive}.
     */
    static LogWindowChanged window(Source source, Instant to, String archive) {
        return new LogWindowChanged(source.id, oldestOf(source.id).positionTime, to, archive,
                source.stagingEnvironmentId);
    }

    /** The composite key. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        public String sourceId;
        public String snapshotId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(sourceId, key.sourceId) && Objects.equals(snapshotId,
                    key.snapshotId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sourceId, snapshotId);
        }
    }
}
