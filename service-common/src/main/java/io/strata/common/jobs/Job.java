package io.strata.common.jobs;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.contracts.jobs.JobState;
import io.strata.contracts.jobs.JobView;

/** A long operation this service runs, as stored in its own database. Changed only through {@link JobService}. */
@Entity
@Table(name = "job")
public class Job extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String kind;

    public String resource;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobState state;

    @Column(nullable = false)
    public int percent;

    @Column(columnDefinition = "text")
    public String step;

    @Column(columnDefinition = "text")
    public String error;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "cancel_requested", nullable = false)
    public boolean cancelRequested;

    /** Increases with every change; carried in {@code JobProgressed} so consumers can order changes. */
    @Column(nullable = false)
    public long sequence;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** The API view of this job. */
    public JobView toView(String service) {
        return new JobView(id, kind, resource, service, state, percent, step, error, cancelRequested, createdAt,
                startedAt, endedAt);
    }
}
