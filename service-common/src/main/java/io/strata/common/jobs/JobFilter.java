package io.strata.common.jobs;

import java.util.HashMap;
import java.util.Map;

import io.strata.contracts.jobs.JobState;

/**
 * The Panache query for {@code GET /api/v1/jobs?state=&resource=}, shared by a service's own jobs and the catalog's
 * joined view (both entities name the fields {@code state} and {@code resource}).
 *
 * @param query the where clause
 * @param parameters its named parameters
 */
public record JobFilter(String query, Map<String, Object> parameters) {

    /** The filter for an optional state and an optional resource id. */
    public static JobFilter of(JobState state, String resource) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (state != null) {
            query.append(" and state = :state");
            parameters.put("state", state);
        }
        if (resource != null) {
            query.append(" and resource = :resource");
            parameters.put("resource", resource);
        }
        return new JobFilter(query.toString(), parameters);
    }
}
