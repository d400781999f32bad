package io.strata.masking.profiling.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.masking.profiling.Inventory;

/** One profiling of one dataset, keyed by its job: how far it got and, once done, its inventory. */
@Entity
@Table(name = "profiling_run")
public class ProfilingRun extends PanacheEntityBase {

    /** RUNNING until the job ends. */
    public enum Status {
        RUNNING, SUCCEEDED, FAILED
    }

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    /** The dataset as the request named it. */
    @Column(nullable = false)
    public String dataset;

    /** The virtual database read, {@code null} when a source snapshot was read through a temporary clone. */
    @Column(name = "vdb_id")
    public String vdbId;

    /** The source snapshot read through a temporary clone, {@code null} when a virtual database was read. */
    @Column(name = "source_snapshot")
    public String sourceSnapshot;

    @Column(name = "sample_rows", nullable = false)
    public int sampleRows;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Convert(converter = InventoryConverter.class)
    @Column(columnDefinition = "text")
    public Inventory inventory;

    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
