package io.strata.catalog.templates;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.strata.catalog.bookmarks.KnownSnapshot;
import io.strata.catalog.datasets.DatasetEntry;
import io.strata.common.errors.ApiException;
import io.strata.common.util.Ids;

/**
 * Templates: each names sources and masked datasets the catalog knows, once each; a template's consistent point at a
 * moment is the snapshot of each dataset a data pod made then starts from ({@link ConsistentPoint}).
 */
@ApplicationScoped
public class TemplateService {

    /** Makes a template of datasets the catalog knows. */
    @Transactional
    public TemplateView create(CreateTemplate request) {
        if (Template.count("name", request.name()) > 0) {
            throw ApiException.conflict("A template named " + request.name() + " exists already; choose another "
                    + "name.");
        }
        Template template = new Template();
        template.id = Ids.next("tpl");
        template.name = request.name();
        template.datasets = datasetIds(request.datasets());
        template.createdAt = Instant.now();
        template.updatedAt = template.createdAt;
        template.persist();
        Log.infof("Template %s (%s) made of %s", template.name, template.id, template.datasets);
        return view(template);
    }

    /** Every template, by name. */
    @Transactional
    public List<TemplateView> list() {
        return Template.<Template>listAll(Sort.by("name")).stream().map(TemplateService::view).toList();
    }

    /** One template, or 404. */
    @Transactional
    public TemplateView get(String id) {
        return view(require(id));
    }

    /** Deletes a template. */
    @Transactional
    public void delete(String id) {
        require(id).delete();
    }

    /**
     * The template's consistent point at {@code at} (now when {@code null}): for each dataset, its newest live
     * snapshot at or before that moment; a 409 naming the datasets that have none.
     */
    @Transactional
    public TemplateView.Point point(String id, Instant at) {
        Template template = require(id);
        Instant moment = at != null ? at : Instant.now();
        ConsistentPoint.Resolved resolved = ConsistentPoint.at(moment, template.datasets, candidates(
                template.datasets));
        if (!resolved.missing().isEmpty()) {
            throw ApiException.conflict("No snapshot of " + names(resolved.missing()) + " stands at or before "
                    + moment + "; sync it, or choose a later moment.");
        }
        return new TemplateView.Point(template.id, moment, resolved.choices());
    }

    private static Map<String, List<ConsistentPoint.Candidate>> candidates(List<String> datasets) {
        Map<String, List<ConsistentPoint.Candidate>> candidates = new HashMap<>();
        for (KnownSnapshot snapshot : KnownSnapshot.<KnownSnapshot>list("dataset in ?1 and deleted = false",
                datasets)) {
            candidates.computeIfAbsent(snapshot.dataset, dataset -> new ArrayList<>()).add(
                    new ConsistentPoint.Candidate(snapshot.id, snapshot.dataset, snapshot.positionTime != null
                            ? snapshot.positionTime
                            : snapshot.createdAt));
        }
        return candidates;
    }

    /**
     * The ids of the requested datasets, each a live source or masked dataset the catalog knows, once.
     *
     * @throws ApiException a 400 naming {@code datasets[i]} otherwise
     */
    private static List<String> datasetIds(List<String> requested) {
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String field = "datasets[" + i + "]";
            DatasetEntry dataset = DatasetEntry.byIdOrName(requested.get(i).strip());
            if (dataset == null || dataset.deleted()) {
                throw ApiException.badRequest(field, "No dataset '" + requested.get(i) + "'; GET "
                        + "/api/v1/catalog/datasets?kind=source and ?kind=masked list those a template may name.");
            }
            if (dataset.kind == DatasetEntry.Kind.VDB) {
                throw ApiException.badRequest(field, dataset.name + " is a virtual database; a template names "
                        + "sources and masked datasets. To share a virtual database's data, bookmark it.");
            }
            if (!ids.add(dataset.id)) {
                throw ApiException.badRequest(field, dataset.name + " is in the list twice; name each dataset "
                        + "once.");
            }
        }
        return List.copyOf(ids);
    }

    private static String names(List<String> datasets) {
        List<String> names = new ArrayList<>();
        for (String id : datasets) {
            DatasetEntry entry = DatasetEntry.findById(id);
            names.add(entry == null ? id : entry.name + " (" + id + ")");
        }
        return String.join(", ", names);
    }

    private static Template require(String id) {
        Template template = Template.byIdOrName(id);
        if (template == null) {
            throw ApiException.notFound("template", id);
        }
        return template;
    }

    private static TemplateView view(Template template) {
        List<TemplateView.Member> members = new ArrayList<>();
        for (String id : template.datasets) {
            DatasetEntry entry = DatasetEntry.findById(id);
            members.add(entry == null
                    ? new TemplateView.Member(id, id, null, DatasetEntry.DELETED)
                    : new TemplateView.Member(id, entry.name, entry.kind.name(), entry.status));
        }
        return new TemplateView(template.id, template.name, members, template.createdAt);
    }
}
