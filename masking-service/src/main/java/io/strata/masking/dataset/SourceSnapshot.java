package io.strata.masking.dataset;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import io.strata.common.persistence.StringMapConverter;
import io.strata.engine.SnapshotMetadata;
import io.strata.masking.postgres.ConnectionFactory;

/** A snapshot the snapshot service announced; its metadata says which engine's database it holds. */
@Entity
@Table(name = "snapshot_view")
public class SourceSnapshot extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String dataset;

    public String position;

    @Column(name = "position_time")
    public Instant positionTime;

    @Convert(converter = StringMapConverter.class)
    @Column(columnDefinition = "text")
    public Map<String, String> metadata;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public boolean deleted;

    /** Whether it holds a PostgreSQL database, the only engine profiling reads for now. */
    public boolean postgres() {
        return "postgresql".equals(engine());
    }

    /** Whether masking reads its database: a PostgreSQL or MariaDB one. */
    public boolean maskable() {
        return postgres() || ConnectionFactory.MARIADB.equals(engine());
    }

    /** The engine of its database ({@code postgresql}, {@code mariadb}, {@code files}), {@code null} when unknown. */
    public String engine() {
        return metadata == null ? null : metadata.get(SnapshotMetadata.ENGINE.key());
    }

    /**
     * The engine of a snapshot's database, for connecting to a working copy of it: PostgreSQL's when the snapshot or
     * its engine is unknown.
     */
    public static String engineOf(String snapshotId) {
        SourceSnapshot snapshot = findById(snapshotId);
        return snapshot == null || snapshot.engine() == null ? ConnectionFactory.POSTGRESQL : snapshot.engine();
    }

    /**
     * The user of a working virtual database of a snapshot: the PostgreSQL sources' superuser, or for MariaDB a user
     * of this service's own that the provisioning service gives every privilege on that copy (masking drops it).
     */
    public static String workingUser(String snapshotId, String postgresSuperuser) {
        return ConnectionFactory.MARIADB.equals(engineOf(snapshotId))
                ? MaskedSnapshotWorker.MARIADB_WORKING_USER
                : postgresSuperuser;
    }

    /** The dataset's newest snapshot that is not deleted, or {@code null}. */
    public static SourceSnapshot latestOf(String dataset) {
        return find("dataset = ?1 and deleted = false", Sort.descending("createdAt"), dataset).firstResult();
    }
}
