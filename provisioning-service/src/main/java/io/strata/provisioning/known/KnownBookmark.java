package io.strata.provisioning.known;

import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.common.persistence.BookmarkPointsConverter;
import io.strata.contracts.catalog.BookmarkPoint;

/** A ready bookmark the catalog announced; its points' snapshots are held while it lives. */
@Entity
@Table(name = "bookmark_view")
public class KnownBookmark extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    /** Its points: one snapshot per dataset. */
    @Convert(converter = BookmarkPointsConverter.class)
    @Column(nullable = false, columnDefinition = "text")
    public List<BookmarkPoint> points;

    /** A bookmark by id or name, or {@code null}. */
    public static KnownBookmark byIdOrName(String idOrName) {
        KnownBookmark bookmark = findById(idOrName);
        return bookmark != null ? bookmark : find("name", idOrName).firstResult();
    }
}
