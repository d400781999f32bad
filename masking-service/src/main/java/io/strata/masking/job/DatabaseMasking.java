package io.strata.masking.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.strata.common.errors.Errors;
import io.strata.common.operations.Progress;
import io.strata.masking.algorithms.MaskingRule;
import io.strata.masking.config.MaskingConfig;
import io.strata.masking.mariadb.MariaDbMasking;
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
 * One pass over a database: the subset first (when asked), then every rule's column masked in place and the whole
 * database verified. Masking a virtual database and masking the working VDB of a masked dataset both run it.
 */
@ApplicationScoped
public class DatabaseMasking {

    @Inject
    MaskingPlans plans;

    @Inject
    MaskingConfig config;

    /**
     * What to mask with.
     *
     * @param rules the ruleset's rules
     * @param publicText the ruleset's public-text columns
     * @param keyPins the key versions the ruleset pins, by domain
     * @param subset the subset to make first, {@code null} for none
     */
    public record Instructions(List<MaskingRule> rules, List<String> publicText, Map<String, String> keyPins,
            SubsetRequest subset) {
    }

    /**
     * Subsets, masks and verifies the database; returns the report (rows, each column's values and how many changed,
     * the key ids, the subset's rows kept).
     *
     * @param name the database's name for messages
     * @throws MaskingFailure when a constraint broke or an original value is left
     */
    public Map<String, Object> run(ConnectionFactory database, String name, Instructions instructions,
            Progress progress) {
        MaskingPlans.Plan plan;
        try {
            plan = plans.plan(database, instructions.rules(), instructions.publicText(), instructions
                    .keyPins());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + name + ": " + Errors.rootMessage(e), e);
        }
        SubsetReport subset = null;
        if (instructions.subset() != null) {
            progress.report(5, "subsetting " + name);
            subset = subset(database, name, instructions.subset());
        }
        if (instructions.rules().isEmpty() && subset != null) {
            // Only a subset was asked for: nothing to mask, so no value to look for afterwards.
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("subset", subset);
            return result;
        }
        progress.report(30, "masking " + plan.maskers().size() + " columns of " + name);
        MaskingReport report = database.mariaDb()
                ? MariaDbMasking.run(database, plan.maskers(), threads(), plan.publicText())
                : PostgresMasking.run(database, plan.maskers(), threads(), plan.publicText());
        MaskingOutcome outcome = report.outcome();
        Log.infof("Masked %s: %d rows of %d tables, %d columns in %d ms; no original value left", name, outcome
                .rows(), outcome.rowsPerTable().size(), plan.maskers().size(), outcome.took().toMillis());
        Map<String, Object> result = report(outcome, plan);
        if (subset != null) {
            result.put("subset", subset);
        }
        return result;
    }

    /** Subsets the database in place; PostgreSQL's in one transaction, so that on failure nothing was deleted. */
    private static SubsetReport subset(ConnectionFactory database, String name, SubsetRequest request) {
        try (Connection connection = database.open()) {
            SubsetReport report = new SubsetExecutor().run(connection, request);
            Log.infof("Subset %s: %s", name, report.tables().stream().map(table -> table.table() + " " + table
                    .rowsKept() + "/" + table.rowsBefore()).toList());
            return report;
        } catch (SQLException e) {
            // PostgreSQL subsets in one transaction; MariaDB's statements commit as they go.
            throw new IllegalStateException("Subsetting " + name + " failed, " + (database.mariaDb()
                    ? "and part of it may be deleted (refresh it before trying again): "
                    : "nothing was deleted: ") + Errors.rootMessage(e), e);
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

    /** What a user reads when masking fails: the rule or subset field at fault, or what was found. */
    public static String describe(RuntimeException error) {
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
