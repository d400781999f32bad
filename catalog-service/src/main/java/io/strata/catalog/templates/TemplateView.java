package io.strata.catalog.templates;

import java.time.Instant;
import java.util.List;

/**
 * A template as the API shows it.
 *
 * @param id its id
 * @param name its name
 * @param datasets its datasets, in order
 * @param createdAt when it was made
 */
public record TemplateView(String id, String name, List<Member> datasets, Instant createdAt) {

    /**
     * One dataset of a template, as the catalog knows it now.
     *
     * @param id its id
     * @param name its name
     * @param kind SOURCE or MASKED
     * @param status its status (DELETED once it is gone: pods of the template can no longer be made)
     */
    public record Member(String id, String name, String kind, String status) {
    }

    /**
     * The consistent point of a template: the snapshot of each dataset a data pod made at that moment starts from.
     *
     * @param template the template's id
     * @param at the moment
     * @param snapshots one per dataset, in the template's order
     */
    public record Point(String template, Instant at, List<ConsistentPoint.Choice> snapshots) {
    }
}
