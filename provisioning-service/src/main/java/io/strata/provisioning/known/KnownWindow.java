package io.strata.provisioning.known;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A dataset's point-in-time window and where its kept log is, as the ingest service announced it. */
@Entity
@Table(name = "dataset_window")
public class KnownWindow extends PanacheEntityBase {

    @Id
    public String dataset;

    @Column(name = "window_from", nullable = false)
    public Instant from;

    @Column(name = "window_to", nullable = false)
    public Instant to;

    @Column(columnDefinition = "text")
    public String archive;

    public String environment;
}
