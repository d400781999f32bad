package io.strata.provisioning.known;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A ready bookmark the catalog announced; its points' snapshots are held while it lives. */
@Entity
@Table(name = "bookmark_view")
public class KnownBookmark extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    /** Its points, as a JSON list of {@link io.strata.contracts.catalog.BookmarkPoint}. */
    @Column(nullable = false, columnDefinition = "text")
    public String points;

    /** A bookmark by id or name, or {@code null}. */
    public static KnownBookmark byIdOrName(String idOrName) {
        KnownBookmark bookmark = findById(idOrName);
        return bookmark != null ? bookmark : find("name", idOrName).firstResult();
    }
}
