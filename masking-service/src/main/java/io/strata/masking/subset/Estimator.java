package io.strata.masking.subset;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.strata.masking.subset.SubsetPlan.Direction;
import io.strata.masking.subset.SubsetRequestValidator.RootRows;
import io.strata.masking.subset.SubsetSchema.ForeignKey;
import io.strata.masking.subset.SubsetSchema.Table;
import io.strata.masking.subset.Traversal.Rule;

/**
 * Rows kept per table, estimated from the planner's statistics without reading the tables: for a database too
 * large to compute the subset twice.
 *
 * <p>
 * Roots are the planner's estimate for their condition, times their percent. Going down, a child keeps the share of
 * its rows that its kept parents are of theirs (children spread evenly over parents). Going up, {@code n} kept
 * children reference {@code N(1 - e^(-n/N))} of {@code N} parents (references spread at random), not counting
 * children that came down through the same key, whose parents are kept already. Where several
 * rules feed a table the largest figure wins, which undercounts when they bring different rows. Cycles repeat until
 * the figures settle.
 */
final class Estimator {

    private static final int CYCLE_ROUNDS = 50;

    private final Connection connection;
    private final Traversal traversal;
    private final Map<String, Double> totals = new HashMap<>();
    private final Map<String, Double> down = new HashMap<>();
    private final Map<String, Double> all = new HashMap<>();
    private final Map<String, ForeignKey> downVia = new HashMap<>();

    Estimator(Connection connection, Traversal traversal) {
        this.connection = connection;
        this.traversal = traversal;
    }

    /** Estimated kept rows per table joined to a root. */
    Map<String, Long> estimate() throws SQLException {
        for (Table table : traversal.related()) {
            totals.put(table.displayName(), (double) (table.estimatedRows() >= 0
                    ? table.estimatedRows()
                    : Sql.explainRows(connection, "SELECT 1 FROM " + table.sql())));
        }
        for (RootRows root : traversal.roots()) {
            String name = root.table().displayName();
            double rows = root.where() == null
                    ? totals.get(name)
                    : Sql.explainRows(connection, "SELECT 1 FROM " + root.table().sql() + " AS "
                            + Sql.quote(root.table().name()) + " WHERE (" + KeepSets.predicateText(root.where())
                            + ")");
            if (root.percent() != null) {
                rows = rows * root.percent() / 100;
            }
            raise(down, name, rows);
            raise(all, name, rows);
        }
        for (List<Rule> group : traversal.schedule()) {
            int rounds = traversal.repeats(group) ? CYCLE_ROUNDS : 1;
            boolean changed = true;
            for (int round = 0; round < rounds && changed; round++) {
                changed = false;
                for (Rule rule : group) {
                    changed |= apply(rule);
                }
            }
        }
        Map<String, Long> estimate = new LinkedHashMap<>();
        traversal.related().forEach(table -> estimate.put(table.displayName(),
                Math.round(all.getOrDefault(table.displayName(), 0.0))));
        return estimate;
    }

    private boolean apply(Rule rule) {
        String source = rule.source().displayName();
        String target = rule.target().displayName();
        double sourceTotal = Math.max(totals.get(source), 1);
        double targetTotal = totals.get(target);
        if (rule.direction() == Direction.DOWN) {
            double rows = targetTotal * Math.min(1, down.getOrDefault(source, 0.0) / sourceTotal);
            boolean changed = raise(down, target, rows);
            if (changed) {
                downVia.put(target, rule.key());
            }
            return raise(all, target, rows) || changed;
        }
        // Children that came down through this very key reference parents that are kept already.
        double children = all.getOrDefault(source, 0.0)
                - (rule.key().equals(downVia.get(source)) ? down.getOrDefault(source, 0.0) : 0);
        return raise(all, target, targetTotal * (1 - Math.exp(-children / Math.max(targetTotal, 1))));
    }

    /** Raises a figure; true when it moved by half a row or more. */
    private static boolean raise(Map<String, Double> figures, String table, double rows) {
        double old = figures.getOrDefault(table, 0.0);
        if (rows > old) {
            figures.put(table, rows);
            return rows - old >= 0.5;
        }
        return false;
    }
}
