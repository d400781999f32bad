package io.strata.provisioning.known;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A source the ingest service linked, as far as provisioning cares: whether its data is sensitive. */
@Entity
@Table(name = "source_view")
public class KnownSource extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    /** Only admins may provision from it; everyone else from its masked datasets. */
    @Column(nullable = false)
    public boolean sensitive;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
