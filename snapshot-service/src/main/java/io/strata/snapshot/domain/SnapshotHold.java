package io.strata.snapshot.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Someone (a bookmark, say) needs a snapshot kept: neither retention nor a delete request may remove it. */
@Entity
@Table(name = "snapshot_hold")
@IdClass(SnapshotHold.Key.class)
public class SnapshotHold extends PanacheEntityBase {

    @Id
    @Column(name = "snapshot_id")
    public String snapshotId;

    @Id
    public String holder;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Who holds a snapshot. */
    public static List<String> holdersOf(String snapshotId) {
        return SnapshotHold.<SnapshotHold>list("snapshotId", snapshotId).stream().map(hold -> hold.holder).sorted()
                .toList();
    }

    /** The composite key. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        public String snapshotId;
        public String holder;

        public Key() {
        }

        public Key(String snapshotId, String holder) {
            this.snapshotId = snapshotId;
            this.holder = holder;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(snapshotId, key.snapshotId)
                    && Objects.equals(holder, key.holder);
        }

        @Override
        public int hashCode() {
            return Objects.hash(snapshotId, holder);
        }
    }
}
