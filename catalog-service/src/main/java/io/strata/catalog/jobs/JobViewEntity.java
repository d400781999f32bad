package io.strata.catalog.jobs;

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

/** A job of any service as the catalog last heard of it. */
@Entity
@Table(name = "job_view")
public class JobViewEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String service;

    @Column(nullable = false)
    public String kind;

    public String resource;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobState state;

    public int percent;

    @Column(columnDefinition = "text")
    public String step;

    @Column(columnDefinition = "text")
    public String error;

    @Column(name = "cancel_requested")
    public boolean cancelRequested;

    /** The owner's change counter of the last applied event; older events are ignored. */
    public long sequence;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Copies the owner's view of the job. */
    public void apply(JobView job, long changeSequence) {
        id = job.id();
        service = job.service();
        kind = job.kind();
        resource = job.resource();
        state = job.state();
        percent = job.percent();
        step = job.step();
        error = job.error();
        cancelRequested = job.cancelRequested();
        createdAt = job.createdAt();
        startedAt = job.startedAt();
        endedAt = job.endedAt();
        sequence = changeSequence;
        updatedAt = Instant.now();
    }

    public JobView toView() {
        return new JobView(id, kind, resource, service, state, percent, step, error, cancelRequested, createdAt,
                startedAt, endedAt);
    }
}
