package io.strata.masking.dataset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
import io.strata.common.secrets.Passwords;
import io.strata.common.secrets.SecretStore;
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

    @Inject
    SecretStore secrets;

    private record Attempt(int number, String datasetName, boolean resetUsers, List<String> disableRoles,
            Map<String, String> metadata, DatabaseMasking.Instructions instructions) {
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
        workingCopy.makeDurable(engine);
        progress.report(80, "resetting database users");
        // Last: it removes the working password this service logs in with.
        report.put("users", resetUsers(engine, attempt, work.snapshotId()));
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
        return new Attempt(run.attempts, dataset.name, dataset.resetUsers, dataset.disableRoles, source.metadata == null
                ? Map.of()
                : Map.copyOf(source.metadata),
                run.instructions(dataset.subset));
    }

    /**
     * Production credentials never reach a copy: with {@code resetUsers} every role that can log in gets a new random
     * password, kept in the secret store under {@link #credentialsName} (a virtual database made from the masked
     * snapshot sets its own user's password as it starts); the roles to disable lose their password and LOGIN; the
     * superuser's working password is always removed. Returns what was done, role names only.
     */
    private Map<String, Object> resetUsers(WorkingCopy.Running engine, Attempt attempt, String snapshotId) {
        Map<String, String> passwords = new TreeMap<>();
        List<String> disabled = new ArrayList<>();
        try (Connection connection = engine.connections().open();
                Statement statement = connection
                        .createStatement()) {
            for (String role : loginRoles(statement)) {
                if (attempt.disableRoles().contains(role)) {
                    statement.execute("alter role " + quote(role) + " nologin password null");
                    disabled.add(role);
                } else if (attempt.resetUsers()) {
                    String password = Passwords.generate();
                    statement.execute("alter role " + quote(role) + " password " + literal(password));
                    passwords.put(role, password);
                }
            }
            statement.execute("alter role " + quote(config.superuser()) + " password null");
        } catch (SQLException e) {
            throw new IllegalStateException("Resetting the database users failed: " + Errors.rootMessage(e), e);
        }
        if (!passwords.isEmpty()) {
            secrets.put(credentialsName(snapshotId), passwords);
        }
        Log.infof("Database users of %s: %d new passwords, %d disabled", snapshotId, passwords.size(), disabled
                .size());
        Map<String, Object> users = new LinkedHashMap<>();
        users.put("passwordsReset", List.copyOf(passwords.keySet()));
        users.put("disabled", disabled);
        users.put("notFound", attempt.disableRoles().stream().filter(role -> !disabled.contains(role)).toList());
        return users;
    }

    /** The secret holding the new passwords of a masked snapshot's roles. */
    public static String credentialsName(String snapshotId) {
        return snapshotId + ".users";
    }

    private List<String> loginRoles(Statement statement) throws SQLException {
        List<String> roles = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("select rolname from pg_roles where rolcanlogin and rolname "
                + "<> current_user and rolname !~ '^pg_' order by 1")) {
            while (rows.next()) {
                roles.add(rows.getString(1));
            }
        }
        return roles;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The working engine's name: unique to the job, so a restart finds the engine an earlier attempt started. */
    private static String name(UUID jobId) {
        return "mask-" + jobId.toString().substring(0, 13);
    }
}
