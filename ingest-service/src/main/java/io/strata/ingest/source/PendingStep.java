package io.strata.ingest.source;

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
 * What a source's running operation waits for: an answer from another service (a volume, an attachment, a
 * snapshot) or its own worker. The row is the operation's durable state, so a restart knows where it stood: waiting
 * for an answer needs nothing (the command is in Kafka), a worker that was running is run again.
 */
@Entity
@Table(name = "pending_step")
public class PendingStep extends PanacheEntityBase {

    /** The operation. */
    public enum Operation {
        LINK, SYNC, RESYNC
    }

    /** The step. */
    public enum Step {
        VOLUME, ATTACH, WORK, SNAPSHOT
    }

    /** The id of the request this step waits on; unique per step. */
    @Id
    @Column(name = "request_id")
    public String requestId;

    @Column(name = "source_id", nullable = false)
    public String sourceId;

    @Column(name = "job_id", nullable = false)
    public UUID jobId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Operation operation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Step step;

    /** The volume the operation loads (the source's, or a resync's new one). */
    @Column(name = "volume_id")
    public String volumeId;

    /** That volume's path on the staging host, once attached. */
    @Column(columnDefinition = "text")
    public String path;

    /** For a resync, the volume it replaces. */
    @Column(name = "old_volume_id")
    public String oldVolumeId;

    @Column(name = "old_path", columnDefinition = "text")
    public String oldPath;

    /** The snapshot the operation ends with; chosen up front so that a retried step makes the same one. */
    @Column(name = "snapshot_id")
    public String snapshotId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The step that follows this one: same operation, a new request id. */
    public PendingStep next(Step nextStep) {
        PendingStep next = new PendingStep();
        next.requestId = jobId + "-" + nextStep.name().toLowerCase();
        next.sourceId = sourceId;
        next.jobId = jobId;
        next.operation = operation;
        next.step = nextStep;
        next.volumeId = volumeId;
        next.path = path;
        next.oldVolumeId = oldVolumeId;
        next.oldPath = oldPath;
        next.snapshotId = snapshotId;
        next.createdAt = Instant.now();
        return next;
    }

    /** The running operation of a source, if any. */
    public static PendingStep ofSource(String sourceId) {
        return find("sourceId", sourceId).firstResult();
    }
}
