package io.strata.masking.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.errors.Errors;
import io.strata.common.operations.Progress;
import io.strata.masking.algorithms.MaskingRule;
import io.strata.masking.config.MaskingConfig;
import io.strata.masking.known.KnownVdb;
import io.strata.masking.postgres.ColumnRef;
import io.strata.masking.postgres.ConnectionFactory;
import io.strata.masking.postgres.MaskingFailure;
import io.strata.masking.postgres.MaskingOutcome;
import io.strata.masking.postgres.MaskingReport;
import io.strata.masking.postgres.PostgresMasking;
import io.strata.masking.subset.SubsetError;
import io.strata.masking.subset.SubsetExecutor;
import io.strata.masking.subset.SubsetReport;
import io.strata.masking.subset.SubsetRequest;

/**
 * Masks a database in place and verifies it, outside any transaction. A second attempt at one job means the service
 * stopped in the middle of the first: some tables may be masked and none verified, so the job fails and says how to
 * start again, rather than mask masked values and verify against them.
 */
@ApplicationScoped
public class MaskingWorker {

    @Inject
    VdbConnections connections;

    @Inject
    MaskingPlans plans;

    @Inject
    MaskingConfig config;

    private record Attempt(int number, KnownVdb vdb, List<MaskingRule> rules, List<String> publicText,
            SubsetRequest subset) {
    }

    /** Masks the job's database with the job's rules; returns the report. */
    public Map<String, Object> mask(UUID jobId, Progress progress) {
        Attempt attempt = QuarkusTransaction.requiringNew().call(() -> begin(jobId));
        if (attempt.number() > 1) {
            throw new IllegalStateException("The masking service stopped while masking virtual database " + attempt
                    .vdb().name + ": the tables it had finished are masked, the others are not, and nothing was "
                    + "verified. Refresh the virtual database (POST /api/v1/vdbs/" + attempt.vdb().id
                    + "/refresh) and run the masking job again.");
        }
        ConnectionFactory database = connections.to(attempt.vdb());
        MaskingPlans.Plan plan;
        try {
            plan = plans.plan(database, attempt.rules(), attempt.publicText());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read virtual database " + attempt.vdb().name + ": " + Errors
                    .rootMessage(e), e);
        }
        SubsetReport subset = null;
        if (attempt.subset() != null) {
            progress.report(5, "subsetting " + attempt.vdb().name);
            subset = subset(database, attempt);
        }
        progress.report(30, "masking " + plan.maskers().size() + " columns of " + attempt.vdb().name);
        MaskingReport report = PostgresMasking.run(database, plan.maskers(), threads(), plan.publicText());
        MaskingOutcome outcome = report.outcome();
        Log.infof("Masked %s: %d rows of %d tables, %d columns in %d ms; no original value left",
                attempt.vdb().name, outcome.rows(), outcome.rowsPerTable().size(), plan.maskers().size(), outcome
                        .took().toMillis());
        Map<String, Object> result = report(outcome, plan);
        if (subset != null) {
            result.put("subset", subset);
        }
        return result;
    }

    private static Attempt begin(UUID jobId) {
        MaskingRun run = MaskingRun.findById(jobId);
        run.attempts++;
        return new Attempt(run.attempts, KnownVdb.findById(run.vdbId), run.rules, run.publicText, run.subset);
    }

    /** Subsets the database in place, in one transaction: on failure nothing was deleted. */
    private static SubsetReport subset(ConnectionFactory database, Attempt attempt) {
        try (Connection connection = database.open()) {
            SubsetReport report = new SubsetExecutor().run(connection, attempt.subset());
            Log.infof("Subset %s: %s", attempt.vdb().name, report.tables().stream().map(table -> table.table() + " "
                    + table.rowsKept() + "/" + table.rowsBefore()).toList());
            return report;
        } catch (SQLException e) {
            throw new IllegalStateException("Subsetting virtual database " + attempt.vdb().name + " failed, nothing "
                    + "was deleted: " + Errors.rootMessage(e), e);
        }
    }

    /** What a run reports: rows, each column's values and how many changed, the keys, and the leak check. */
    private static Map<String, Object> report(MaskingOutcome outcome, MaskingPlans.Plan plan) {
        Map<String, Object> columns = new TreeMap<>();
        for (ColumnRef column : plan.maskers().keySet()) {
            columns.put(column.toString(), Map.of("values", outcome.valuesPerColumn().getOrDefault(column, 0L),
                    "changed", outcome.changedPerColumn().getOrDefault(column, 0L)));
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rows", outcome.rows());
        report.put("tables", new TreeMap<>(outcome.rowsPerTable()));
        report.put("columns", columns);
        report.put("bytesRead", outcome.bytesRead());
        report.put("tookMillis", outcome.took().toMillis());
        report.put("keyIds", plan.keyIds());
        report.put("publicText", plan.publicText().stream().map(ColumnRef::toString).sorted().toList());
        report.put("leaks", 0);
        return report;
    }

    private int threads() {
        return config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
    }

    /** What a user reads when masking fails. */
    static String describe(RuntimeException error) {
        if (error instanceof MaskingPlans.RuleMismatch mismatch) {
            return mismatch.field() + ": " + mismatch.getMessage();
        }
        if (error instanceof SubsetError subsetError) {
            return "subset." + subsetError.field() + ": " + subsetError.getMessage();
        }
        if (error instanceof MaskingFailure failure) {
            return failure.getMessage();
        }
        return Errors.rootMessage(error);
    }
}
