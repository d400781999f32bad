package io.strata.provisioning.vdb;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What a virtual database's running operation waits for: a clone, an attachment or a snapshot from another
 * service, or its own worker. Written with the command it waits on, so a restart knows where the operation stood.
 */
@Entity
@Table(name = "vdb_step")
public class VdbStep extends PanacheEntityBase {

    /** Operations that cross services. */
    public enum Operation {
        PROVISION, REFRESH, REWIND, SNAPSHOT
    }

    /** Steps. */
    public enum Step {
        /** The worker stops the engine before a new clone replaces the old one. */
        PREPARE,
        /** Waiting for the snapshot service's clone. */
        CLONE,
        /** Waiting for the clone's NFS export to be mounted on the target. */
        ATTACH,
        /** The worker configures and starts the engine. */
        WORK,
        /** Waiting for the snapshot service's snapshot. */
        SNAPSHOT
    }

    @Id
    @Column(name = "request_id")
    public String requestId;

    @Column(name = "vdb_id", nullable = false)
    public String vdbId;

    @Column(name = "job_id", nullable = false)
    public UUID jobId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Operation operation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Step step;

    /** The snapshot to clone (or, for SNAPSHOT, the one being taken). */
    @Column(name = "snapshot_id")
    public String snapshotId;

    /** The new clone's volume id. */
    @Column(name = "volume_id")
    public String volumeId;

    /** The new clone's path on the target, once known. */
    @Column(columnDefinition = "text")
    public String path;

    @Column(name = "recovery_time")
    public Instant recoveryTime;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The step after this one, with a request id of its own. */
    public VdbStep next(Step nextStep) {
        VdbStep next = new VdbStep();
        next.requestId = jobId + "-" + nextStep.name().toLowerCase();
        next.vdbId = vdbId;
        next.jobId = jobId;
        next.operation = operation;
        next.step = nextStep;
        next.snapshotId = snapshotId;
        next.volumeId = volumeId;
        next.path = path;
        next.recoveryTime = recoveryTime;
        next.createdAt = Instant.now();
        return next;
    }

    /** The running operation of a virtual database, if any. */
    public static VdbStep ofVdb(String vdbId) {
        return find("vdbId", vdbId).firstResult();
    }
}
