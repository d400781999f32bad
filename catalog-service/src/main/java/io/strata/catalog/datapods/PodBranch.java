package io.strata.catalog.datapods;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.common.persistence.BookmarkPointsConverter;
import io.strata.common.persistence.StringListConverter;
import io.strata.contracts.catalog.BookmarkPoint;

/**
 * A line of a data pod's history. The active branch is where the pod's virtual databases stand; an inactive one keeps
 * its newest state (what the VDBs held when it was left, or the bookmark it was made from), which activating it
 * brings back under the same connections.
 */
@Entity
@Table(name = "pod_branch")
public class PodBranch extends PanacheEntityBase {

    /** The name every pod starts on. */
    public static final String MAIN = "main";

    /** {@code <pod id>:<name>}. */
    @Id
    public String id;

    @Column(name = "pod_id", nullable = false)
    public String podId;

    @Column(nullable = false)
    public String name;

    /** Its newest state while inactive: one snapshot per virtual database; {@code null} while active. */
    @Convert(converter = BookmarkPointsConverter.class)
    @Column(columnDefinition = "text")
    public List<BookmarkPoint> point;

    /** The bookmark it was made from, or {@code null} for {@code main}. */
    @Column(name = "from_bookmark")
    public String fromBookmark;

    /**
     * The snapshots the pod took while on it: each state saved before a move (one per virtual database) and each mark
     * of a restore to a moment; empty for those taken before they were recorded.
     */
    @Convert(converter = StringListConverter.class)
    @Column(nullable = false, columnDefinition = "text")
    public List<String> snapshots = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The id of a pod's branch. */
    public static String idOf(String podId, String name) {
        return podId + ":" + name;
    }

    /** A pod's branch by name, or {@code null}. */
    public static PodBranch of(String podId, String name) {
        return findById(idOf(podId, name));
    }

    /** Records {@code point} as the newest state of a pod's branch, making the branch when it does not exist yet. */
    public static void keep(String podId, String name, List<BookmarkPoint> point) {
        PodBranch branch = of(podId, name);
        Instant now = Instant.now();
        if (branch == null) {
            branch = new PodBranch();
            branch.id = idOf(podId, name);
            branch.podId = podId;
            branch.name = name;
            branch.createdAt = now;
            branch.point = point;
            branch.updatedAt = now;
            branch.persist();
            return;
        }
        branch.point = point;
        branch.updatedAt = now;
    }

    /**
     * Records snapshots a pod took while on a branch (those a step that did not finish left {@code null} are left out);
     * nothing when the branch is not recorded.
     */
    public static void took(String podId, String name, List<String> taken) {
        PodBranch branch = of(podId, name);
        if (branch != null) {
            List<String> snapshots = new ArrayList<>(branch.snapshots);
            taken.stream().filter(Objects::nonNull).forEach(snapshots::add);
            branch.snapshots = snapshots;
        }
    }
}
