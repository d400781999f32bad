package io.strata.masking.dataset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.errors.Errors;
import io.strata.common.operations.Progress;
import io.strata.masking.config.MaskingConfig;
import io.strata.masking.job.DatabaseMasking;

/**
 * Masks a working clone of a source snapshot, outside any transaction: an engine of its own on the clone, the subset,
 * the rules, the verification, the users' passwords removed, and a clean stop so the snapshot of the clone opens
 * without recovery. A second attempt at one job means the service stopped during the first: the clone is
 * part-masked, so the job fails (its undo stops the engine and gives the clone back) and the next sync masks again.
 */
@ApplicationScoped
public class MaskedSnapshotWorker {

    @Inject
    WorkingCopy workingCopy;

    @Inject
    DatabaseMasking masking;

    @Inject
    MaskingConfig config;

    private record Attempt(int number, String datasetName, boolean resetUsers, Map<String, String> metadata,
            DatabaseMasking.Instructions instructions) {
    }

    /** Masks the job's working clone; returns the report. */
    public Map<String, Object> mask(UUID jobId, MaskedSnapshotWork work, Progress progress) {
        Attempt attempt = QuarkusTransaction.requiringNew().call(() -> begin(jobId, work));
        if (attempt.number() > 1) {
            throw new IllegalStateException("The masking service stopped while masking snapshot "
                    + work.sourceSnapshot() + " for " + attempt.datasetName() + "; the working clone is given back "
                    + "half-masked. Mask it again with POST /api/v1/masked-datasets/" + work.maskedDataset()
                    + "/refresh, or wait for the source's next sync.");
        }
        progress.report(12, "starting a working engine on the clone");
        WorkingCopy.Running engine = workingCopy.start(name(jobId), work.clonePath(), attempt.metadata());
        Map<String, Object> report = new LinkedHashMap<>(masking.run(engine.connections(), "snapshot " + work
                .sourceSnapshot(), attempt.instructions(), progress));
        progress.report(80, "resetting database users");
        report.put("usersReset", resetUsers(engine, attempt.resetUsers()));
        progress.report(85, "stopping the working engine");
        workingCopy.stop(engine.database());
        return report;
    }

    /** Stops an engine a failed attempt left on the clone; {@code false} when it may still run. */
    public boolean stopLeftover(UUID jobId, MaskedSnapshotWork work) {
        Map<String, String> metadata = QuarkusTransaction.requiringNew().call(() -> {
            SourceSnapshot source = SourceSnapshot.findById(work.sourceSnapshot());
            return source == null || source.metadata == null ? Map.<String, String>of() : source.metadata;
        });
        return workingCopy.stopLeftover(name(jobId), work.clonePath(), metadata);
    }

    private static Attempt begin(UUID jobId, MaskedSnapshotWork work) {
        MaskedSnapshot run = MaskedSnapshot.findById(jobId);
        run.attempts++;
        MaskedDataset dataset = MaskedDataset.findById(work.maskedDataset());
        SourceSnapshot source = SourceSnapshot.findById(work.sourceSnapshot());
        return new Attempt(run.attempts, dataset.name, dataset.resetUsers, source.metadata == null
                ? Map.of()
                : Map.copyOf(source.metadata),
                new DatabaseMasking.Instructions(run.rules, run.publicText,
                        dataset.subset));
    }

    /**
     * With {@code all}, removes the password of every role that can log in, so no production credential reaches a
     * copy (a virtual database made from the masked snapshot sets its own user's password as it starts); always
     * removes the working password of the superuser. Returns the roles reset.
     */
    private List<String> resetUsers(WorkingCopy.Running engine, boolean all) {
        List<String> reset = new ArrayList<>();
        try (Connection connection = engine.connections().open();
                Statement statement = connection
                        .createStatement()) {
            if (all) {
                List<String> roles = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("select rolname from pg_roles where rolcanlogin and "
                        + "rolname <> current_user and rolname !~ '^pg_' order by 1")) {
                    while (rows.next()) {
                        roles.add(rows.getString(1));
                    }
                }
                for (String role : roles) {
                    statement.execute("alter role " + quote(role) + " password null");
                    reset.add(role);
                }
            }
            statement.execute("alter role " + quote(config.superuser()) + " password null");
            reset.add(config.superuser());
        } catch (SQLException e) {
            throw new IllegalStateException("Resetting the users' passwords failed: " + Errors.rootMessage(e), e);
        }
        Log.infof("Passwords removed from %d roles", reset.size());
        return all ? reset : List.of();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The working engine's name: unique to the job, so a restart finds the engine an earlier attempt started. */
    private static String name(UUID jobId) {
        return "mask-" + jobId.toString().substring(0, 13);
    }
}
