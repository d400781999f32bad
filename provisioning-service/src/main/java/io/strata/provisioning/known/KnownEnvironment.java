package io.strata.provisioning.known;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.contracts.ingest.EnvironmentRef;

/** An environment the ingest service registered, as its events described it (no credentials). */
@Entity
@Table(name = "environment_view")
public class KnownEnvironment extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    /** How to reach it (no credentials in it). */
    @Convert(converter = EnvironmentRefConverter.class)
    @Column(nullable = false, columnDefinition = "text")
    public EnvironmentRef ref;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
