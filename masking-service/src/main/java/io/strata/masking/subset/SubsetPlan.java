package io.strata.masking.subset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.strata.masking.subset.SubsetRequest.Unrelated;

/**
 * What a subset request will do, worked out without changing the database: the order relationships are followed in,
 * the cycles among the tables, what is cut, and how many rows each table keeps.
 *
 * @param steps the relationships followed, in the order they run; steps inside a cycle repeat until nothing is added
 * @param cycles the cycles among the tables (strongly connected components of the foreign-key graph), by table name
 * @param deferredKeys the relationships cut by {@code nullDanglingOptional}: not followed upward; a kept row whose
 *        parent is not kept gets NULL there
 * @param unrelatedTables tables no root is joined to
 * @param unrelated what happens to them
 * @param keptRows rows each table will keep (unrelated tables are not listed)
 * @param estimate whether {@code keptRows} are exact counts or the planner's estimates
 */
public record SubsetPlan(List<Step> steps, List<List<String>> cycles, List<String> deferredKeys,
        List<String> unrelatedTables, Unrelated unrelated, Map<String, Long> keptRows, Estimate estimate) {

    /** Copies the collections. */
    public SubsetPlan {
        steps = List.copyOf(steps);
        cycles = List.copyOf(cycles);
        deferredKeys = List.copyOf(deferredKeys);
        unrelatedTables = List.copyOf(unrelatedTables);
        keptRows = Collections.unmodifiableMap(new LinkedHashMap<>(keptRows));
    }

    /** How rows are reached. */
    public enum Direction {
        /** The rows a root names. */
        ROOT,
        /** Parents of kept rows: needed for every foreign key to hold. */
        UP,
        /** Children of rows reached downward: what makes the subset whole (a customer's invoices and their lines). */
        DOWN
    }

    /** Where {@link SubsetPlan#keptRows} come from. */
    public enum Estimate {
        /** Counted by computing the subset in a transaction that was rolled back. */
        EXACT,
        /** Worked out from the planner's statistics: the database was too large to compute the subset twice. */
        PLANNER
    }

    /**
     * One step of the traversal.
     *
     * @param table the table rows are added to
     * @param direction how: a root, up to parents, down to children
     * @param via the foreign key or virtual key followed, null for a root
     * @param from the table rows come from, null for a root
     * @param repeats whether the step is part of a cycle and repeats until nothing is added
     */
    public record Step(String table, Direction direction, String via, String from, boolean repeats) {
    }
}
