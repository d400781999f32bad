package io.strata.catalog.bookmarks;

import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The hold a bookmark asked the snapshot service for on one snapshot, by the request that asks or releases it. */
@Entity
@Table(name = "bookmark_hold")
public class BookmarkHold extends PanacheEntityBase {

    /** Where the hold stands. */
    public enum State {
        /** Asked for, not yet answered. */
        REQUESTED,
        /** The snapshot service keeps the snapshot for the bookmark. */
        HELD,
        /** Its release is asked for. */
        RELEASING
    }

    /** The id of the request now outstanding for this hold (the hold or its release). */
    @Id
    @Column(name = "request_id")
    public String requestId;

    @Column(name = "bookmark_id", nullable = false)
    public String bookmarkId;

    @Column(name = "snapshot_id", nullable = false)
    public String snapshotId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    /** The holds of a bookmark. */
    public static List<BookmarkHold> of(String bookmarkId) {
        return list("bookmarkId", bookmarkId);
    }
}
