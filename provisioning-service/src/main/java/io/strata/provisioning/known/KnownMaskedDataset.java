package io.strata.provisioning.known;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A masked dataset the masking service made, as far as provisioning cares: its name, to provision from by name. */
@Entity
@Table(name = "masked_dataset_view")
public class KnownMaskedDataset extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
