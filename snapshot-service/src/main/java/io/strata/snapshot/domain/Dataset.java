package io.strata.snapshot.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A dataset (a source, a masked dataset, a virtual database) as the pool knows it: its retention and PITR window. */
@Entity
@Table(name = "dataset")
public class Dataset extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "keep_last")
    public Integer keepLast;

    @Column(name = "keep_days")
    public Integer keepDays;

    @Column(name = "window_from")
    public Instant windowFrom;

    @Column(name = "window_to")
    public Instant windowTo;

    @Column(name = "window_archive", columnDefinition = "text")
    public String windowArchive;

    @Column(name = "window_environment")
    public String windowEnvironment;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /**
     * The dataset, created on first use. Transactions that run at once (clones applied side by side) may all find
     * it missing: the insert skips a row that is there, waiting for the end of a transaction that inserted it and has
     * not committed yet, so that none of them fails on the primary key.
     */
    public static Dataset findOrCreate(String id) {
        Dataset dataset = findById(id);
        if (dataset == null) {
            getEntityManager().createNativeQuery("insert into dataset (id, created_at) values (?1, ?2) "
                    + "on conflict (id) do nothing").setParameter(1, id).setParameter(2, Instant.now())
                    .executeUpdate();
            dataset = findById(id);
        }
        return dataset;
    }
}
