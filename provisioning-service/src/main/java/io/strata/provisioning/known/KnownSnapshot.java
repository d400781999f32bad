package io.strata.provisioning.known;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import io.strata.common.persistence.StringMapConverter;

/** A snapshot the snapshot service announced: what a virtual database can be provisioned from. */
@Entity
@Table(name = "snapshot_view")
public class KnownSnapshot extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String dataset;

    @Column(nullable = false)
    public String volume;

    public String position;

    @Column(name = "position_time")
    public Instant positionTime;

    /** The snapshot's metadata (engine, database, user...). */
    @Convert(converter = StringMapConverter.class)
    @Column(columnDefinition = "text")
    public Map<String, String> metadata;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public boolean deleted;

    /** The newest live snapshot of a dataset, or {@code null}. */
    public static KnownSnapshot latestOf(String dataset) {
        return find("dataset = ?1 and deleted = false", Sort.descending("positionTime", "createdAt"), dataset)
                .firstResult();
    }

    /** The newest live snapshot of a dataset taken at or before {@code time}, or {@code null}. */
    public static KnownSnapshot latestAtOrBefore(String dataset, Instant time) {
        return find("dataset = ?1 and deleted = false and positionTime <= ?2", Sort.descending("positionTime",
                "createdAt"), dataset, time).firstResult();
    }
}
