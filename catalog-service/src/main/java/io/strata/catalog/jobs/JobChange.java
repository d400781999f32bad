package io.strata.catalog.jobs;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.contracts.jobs.JobState;

/** One change of a job, as it arrived: the job's history. */
@Entity
@Table(name = "job_change")
public class JobChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "job_id", nullable = false)
    public UUID jobId;

    public long sequence;

    @Enumerated(EnumType.STRING)
    public JobState state;

    public int percent;

    @Column(columnDefinition = "text")
    public String step;

    @Column(columnDefinition = "text")
    public String error;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
