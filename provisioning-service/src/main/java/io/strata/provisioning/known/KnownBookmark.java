package io.strata.provisioning.known;

import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.common.persistence.BookmarkPointsConverter;
import io.strata.common.persistence.StringListConverter;
import io.strata.common.security.Caller;
import io.strata.contracts.catalog.BookmarkPoint;

/**
 * A ready bookmark the catalog announced; its points' snapshots are held while it lives. Whom it is shared with is
 * kept up to date too: only they, its owner and admins provision from it.
 */
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

    /** The user who made it; {@code null} for one made before users existed. */
    public String owner;

    /** Shared with everyone. */
    @Column(nullable = false)
    public boolean shared;

    /** The users it is shared with by name. */
    @Convert(converter = StringListConverter.class)
    @Column(name = "shared_with", nullable = false, columnDefinition = "text")
    public List<String> sharedWith = List.of();

    /** Whether the caller may see it, and so provision from it: as the catalog service decides. */
    public boolean visibleTo(Caller caller) {
        return caller.isOwnerOrAdmin(owner) || shared || sharedWith.contains(caller.username());
    }

    /** A bookmark by id or name, or {@code null}. */
    public static KnownBookmark byIdOrName(String idOrName) {
        KnownBookmark bookmark = findById(idOrName);
        return bookmark != null ? bookmark : find("name", idOrName).firstResult();
    }
}
