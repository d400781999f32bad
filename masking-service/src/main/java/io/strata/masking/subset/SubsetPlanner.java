package io.strata.masking.subset;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.strata.masking.subset.SubsetPlan.Direction;
import io.strata.masking.subset.SubsetPlan.Estimate;
import io.strata.masking.subset.SubsetPlan.Step;
import io.strata.masking.subset.SubsetSchema.ForeignKey;
import io.strata.masking.subset.SubsetSchema.Table;
import io.strata.masking.subset.Traversal.Rule;

/**
 * Plans a subset without changing the database: the traversal {@link SubsetExecutor} would follow and the rows each
 * table would keep.
 *
 * <p>
 * The rows are exact when the tables joined to the roots are small (at most {@code exactLimitBytes} on disk,
 * {@value #DEFAULT_EXACT_LIMIT_BYTES} bytes by default): the planner then fills the same keep tables as a run, in a
 * transaction (or a savepoint of the caller's) that it rolls back. Above the limit, it estimates from the planner's
 * statistics, and the plan says so ({@link Estimate#PLANNER}).
 */
public final class SubsetPlanner {

    /** Tables joined to the roots up to this size (512 MiB) are planned by an exact, rolled-back computation. */
    public static final long DEFAULT_EXACT_LIMIT_BYTES = 512L * 1024 * 1024;

    private final long exactLimitBytes;

    /** A planner with the default limit for exact counts. */
    public SubsetPlanner() {
        this(DEFAULT_EXACT_LIMIT_BYTES);
    }

    /** @param exactLimitBytes the size of the tables involved up to which kept rows are counted, not estimated */
    public SubsetPlanner(long exactLimitBytes) {
        this.exactLimitBytes = exactLimitBytes;
    }

    /**
     * Plans a subset of the database the connection is on. Nothing is changed: work happens in a transaction, or in a
     * savepoint when the connection is already in one, that is rolled back.
     *
     * @throws SubsetError when the request does not fit the database, naming the field
     * @throws SQLException when the database fails
     */
    public SubsetPlan plan(Connection connection, SubsetRequest request) throws SQLException {
        Traversal traversal = Traversal.prepare(connection, request);
        long size = traversal.related().stream().mapToLong(Table::sizeBytes).sum();
        boolean exact = size <= exactLimitBytes;
        Map<String, Long> kept = Sql.inTransaction(connection, false, () -> {
            if (!exact) {
                return new Estimator(connection, traversal).estimate();
            }
            KeepSets keep = new KeepSets(connection, traversal);
            keep.fill();
            return keep.counts();
        });
        return new SubsetPlan(steps(traversal), traversal.cycles(),
                traversal.deferred().stream().map(ForeignKey::name).toList(),
                traversal.unrelated().stream().map(Table::displayName).toList(), request.unrelated(), kept,
                exact ? Estimate.EXACT : Estimate.PLANNER);
    }

    private static List<Step> steps(Traversal traversal) {
        List<Step> steps = new ArrayList<>();
        traversal.roots().forEach(
                root -> steps.add(new Step(root.table().displayName(), Direction.ROOT, null, null, false)));
        for (List<Rule> group : traversal.schedule()) {
            boolean repeats = traversal.repeats(group);
            for (Rule rule : group) {
                steps.add(new Step(rule.target().displayName(), rule.direction(), rule.key().name(),
                        rule.source().displayName(), repeats));
            }
        }
        return steps;
    }
}
