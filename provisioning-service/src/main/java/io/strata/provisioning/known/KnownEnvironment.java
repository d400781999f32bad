package io.strata.provisioning.known;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An environment the ingest service registered, as its events described it (no credentials). */
@Entity
@Table(name = "environment_view")
public class KnownEnvironment extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    /** The {@code EnvironmentRef} as JSON. */
    @Column(nullable = false, columnDefinition = "text")
    public String ref;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
