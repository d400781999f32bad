package io.strata.catalog.datasets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;
import io.strata.common.errors.ApiException;
import io.strata.common.security.Caller;
import io.strata.common.security.Role;

/**
 * Queries of the catalog of datasets: by kind, status, parent and name, and one dataset with its lineage. Owners see
 * only their own virtual databases, as in the provisioning service.
 */
@ApplicationScoped
public class DatasetCatalog {

    @Inject
    Caller caller;

    /** Deeper than any real chain (a VDB of a masked dataset of a source); stops a cycle bad events could make. */
    private static final int MOST_ANCESTORS = 16;

    /**
     * What to list.
     *
     * @param kind SOURCE, MASKED or VDB, any case; {@code null} for all
     * @param status a status; {@code null} for every status but DELETED
     * @param parent the id of the dataset they were made from
     * @param name a part of the name, any case
     */
    public record Filter(String kind, String status, String parent, String name) {
    }

    /** The datasets that pass the filter, by kind and name. */
    @Transactional
    public List<DatasetView> list(Filter filter) {
        StringJoiner where = new StringJoiner(" and ");
        Map<String, Object> parameters = new HashMap<>();
        if (filter.kind() != null) {
            where.add("kind = :kind");
            parameters.put("kind", kind(filter.kind()));
        }
        if (filter.status() != null) {
            where.add("upper(status) = :status");
            parameters.put("status", filter.status().toUpperCase(Locale.ROOT));
        } else {
            where.add("status <> :deleted");
            parameters.put("deleted", DatasetEntry.DELETED);
        }
        if (filter.parent() != null) {
            where.add("parentDataset = :parent");
            parameters.put("parent", filter.parent());
        }
        if (filter.name() != null) {
            where.add("lower(name) like :name");
            parameters.put("name", "%" + filter.name().toLowerCase(Locale.ROOT) + "%");
        }
        if (!seesEveryVdb()) {
            where.add("(kind <> :vdb or owner = :me)");
            parameters.put("vdb", DatasetEntry.Kind.VDB);
            parameters.put("me", caller.username());
        }
        return DatasetEntry.<DatasetEntry>find(where.toString(), Sort.by("kind").and("name"), parameters).stream()
                .map(DatasetView::of).toList();
    }

    /** One dataset by id or name (a live one before a deleted one of that name), with its lineage; or 404. */
    @Transactional
    public DatasetView.Detail detail(String idOrName) {
        DatasetEntry entry = DatasetEntry.byIdOrName(idOrName);
        if (entry == null || !maySee(entry)) {
            throw ApiException.notFound("dataset", idOrName);
        }
        List<DatasetView> lineage = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(entry.id));
        String parent = entry.parentDataset;
        while (parent != null && seen.add(parent) && lineage.size() < MOST_ANCESTORS) {
            DatasetEntry ancestor = DatasetEntry.findById(parent);
            if (ancestor == null) {
                break;
            }
            lineage.add(DatasetView.of(ancestor));
            parent = ancestor.parentDataset;
        }
        List<DatasetView> children = DatasetEntry.<DatasetEntry>find("parentDataset = ?1 and status <> ?2", Sort.by(
                "name"), entry.id, DatasetEntry.DELETED).stream().filter(this::maySee).map(DatasetView::of).toList();
        return new DatasetView.Detail(DatasetView.of(entry), lineage, children);
    }

    /** Admins and readers see every virtual database; owners their own (sources and masked datasets: everyone). */
    private boolean seesEveryVdb() {
        return caller.isAdmin() || caller.roles().contains(Role.READER);
    }

    private boolean maySee(DatasetEntry entry) {
        return entry.kind != DatasetEntry.Kind.VDB || seesEveryVdb() || caller.isOwnerOrAdmin(entry.owner);
    }

    private static DatasetEntry.Kind kind(String kind) {
        try {
            return DatasetEntry.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("kind", "kind is source, masked or vdb, got '" + kind + "'.");
        }
    }
}
