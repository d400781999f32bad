package io.strata.catalog.bookmarks;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** A snapshot the snapshot service announced: what a bookmark may point at. */
@Entity
@Table(name = "snapshot_view")
public class KnownSnapshot extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String dataset;

    @Column(name = "position_time")
    public Instant positionTime;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public boolean deleted;

    /** The newest live snapshot of a dataset, or {@code null}. */
    public static KnownSnapshot latestOf(String dataset) {
        return find("dataset = ?1 and deleted = false", Sort.descending("positionTime", "createdAt"), dataset)
                .firstResult();
    }
}
