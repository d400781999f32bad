package io.strata.masking.dataset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
import io.strata.masking.job.VdbConnections;
import io.strata.masking.postgres.ConnectionFactory;

/**
 * Masks the working virtual database of a source snapshot (the provisioning service's, see
 * {@link MaskedSnapshotOperations}) over JDBC as the sources' superuser, outside any transaction: durability off while
 * it rewrites, the subset, the rules, the verification, durability back, and the users' passwords removed last. A
 * second attempt at one job means the service stopped during the first: the copy is part-masked, so the job fails
 * (the working virtual database is then deleted) and the next sync masks again.
 */
@ApplicationScoped
public class MaskedSnapshotWorker {

    @Inject
    VdbConnections vdbConnections;

    @Inject
    DatabaseMasking masking;

    @Inject
    MaskingConfig config;

    @Inject
    SecretStore secrets;

    /** The MariaDB user a working copy is masked as; dropped once masking is done. */
    public static final String MARIADB_WORKING_USER = "strata_masking";

    private record Attempt(int number, String datasetName, String engine, boolean resetUsers,
            List<String> disableRoles, DatabaseMasking.Instructions instructions) {
    }

    /** Masks the job's working virtual database; returns the report. */
    public Map<String, Object> mask(UUID jobId, MaskedSnapshotWork work, Progress progress) {
        Attempt attempt = QuarkusTransaction.requiringNew().call(() -> begin(jobId, work));
        if (attempt.number() > 1) {
            throw new IllegalStateException("The masking service stopped while masking snapshot "
                    + work.sourceSnapshot() + " for " + attempt.datasetName() + "; the working copy is deleted "
                    + "half-masked. Mask it again with POST /api/v1/masked-datasets/" + work.maskedDataset()
                    + "/refresh, or wait for the source's next sync.");
        }
        progress.report(12, "masking the working copy " + work.vdbId());
        ConnectionFactory connections = vdbConnections.to(attempt.engine(), work.vdbId(), work.connection());
        durability(connections, false);
        Map<String, Object> report = new LinkedHashMap<>(masking.run(connections, "snapshot " + work
                .sourceSnapshot(), attempt.instructions(), progress));
        durability(connections, true);
        progress.report(80, "resetting database users");
        // Last: it removes the working password this service logs in with.
        report.put("users", connections.mariaDb()
                ? resetMariaDbUsers(connections, attempt, work.snapshotId())
                : resetUsers(connections, attempt, work.snapshotId()));
        return report;
    }

    /**
     * The working copy is private and disposable: a crash loses the job, never data, so its engine runs without
     * flushing to disk ({@code fsync}, {@code synchronous_commit}, {@code full_page_writes} off) while it is
     * rewritten. The settings are reset before the clean stop, so the masked snapshot, and every database made from
     * it, is durable again; the stop's checkpoint writes everything, and the snapshot takes the files as they are
     * then. They live in the clone's postgresql.auto.conf, which is why they are reset rather than left to the stop.
     */
    private static void durability(ConnectionFactory connections, boolean durable) {
        try (Connection connection = connections.open();
                Statement statement = connection.createStatement()) {
            if (connections.mariaDb()) {
                // InnoDB's counterpart: commits that do not wait for the redo log to reach the disk.
                statement.execute("set global innodb_flush_log_at_trx_commit = " + (durable ? 1 : 0));
                return;
            }
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                statement.execute(durable
                        ? "alter system reset " + setting
                        : "alter system set " + setting
                                + " = off");
            }
            statement.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change the working copy's durability settings: " + Errors
                    .rootMessage(e), e);
        }
    }

    private static Attempt begin(UUID jobId, MaskedSnapshotWork work) {
        MaskedSnapshot run = MaskedSnapshot.findById(jobId);
        run.attempts++;
        MaskedDataset dataset = MaskedDataset.findById(work.maskedDataset());
        return new Attempt(run.attempts, dataset.name, SourceSnapshot.engineOf(work.sourceSnapshot()),
                dataset.resetUsers, dataset.disableRoles, run
                        .instructions(dataset.subset));
    }

    /**
     * Production credentials never reach a copy: with {@code resetUsers} every role that can log in gets a new random
     * password, kept in the secret store under {@link #credentialsName} (a virtual database made from the masked
     * snapshot sets its own user's password as it starts); the roles to disable lose their password and LOGIN; the
     * superuser's working password is always removed. Returns what was done, role names only.
     */
    private Map<String, Object> resetUsers(ConnectionFactory connections, Attempt attempt, String snapshotId) {
        Map<String, String> passwords = new TreeMap<>();
        List<String> disabled = new ArrayList<>();
        try (Connection connection = connections.open();
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
        return usersReport(attempt, snapshotId, passwords, disabled);
    }

    /** Keeps the new passwords in the secret store and says what was done, user names only. */
    private Map<String, Object> usersReport(Attempt attempt, String snapshotId, Map<String, String> passwords,
            List<String> disabled) {
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

    /**
     * MariaDB's counterpart of {@link #resetUsers}: every account but the server's own ({@code root},
     * {@code mariadb.sys}) gets a new random password, or is locked and loses its password when its user is to be
     * disabled; the working user is dropped last. Accounts are named by user: a user's accounts on every host change
     * together, and the passwords are kept by user name.
     */
    private Map<String, Object> resetMariaDbUsers(ConnectionFactory connections, Attempt attempt,
            String snapshotId) {
        Map<String, String> passwords = new TreeMap<>();
        Set<String> disabled = new TreeSet<>();
        try (Connection connection = connections.open();
                Statement statement = connection.createStatement()) {
            for (String[] account : mariaDbAccounts(statement)) {
                String name = literal(account[0]) + "@" + literal(account[1]);
                if (attempt.disableRoles().contains(account[0])) {
                    statement.execute("alter user " + name + " identified by " + literal(Passwords.generate())
                            + " account lock");
                    disabled.add(account[0]);
                } else if (attempt.resetUsers()) {
                    String password = passwords.computeIfAbsent(account[0], user -> Passwords.generate());
                    statement.execute("alter user " + name + " identified by " + literal(password));
                }
            }
            statement.execute("drop user if exists " + literal(MARIADB_WORKING_USER) + "@'%'");
        } catch (SQLException e) {
            throw new IllegalStateException("Resetting the database users failed: " + Errors.rootMessage(e), e);
        }
        return usersReport(attempt, snapshotId, passwords, List.copyOf(disabled));
    }

    /** The accounts (user, host) whose password masking resets: neither the server's own nor the working user. */
    private static List<String[]> mariaDbAccounts(Statement statement) throws SQLException {
        List<String[]> accounts = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("select User, Host from mysql.user where User not in ('', "
                + "'root', 'mariadb.sys', 'mysql', 'PUBLIC', " + literal(MARIADB_WORKING_USER) + ") and "
                + "is_role = 'N' order by User, Host")) {
            while (rows.next()) {
                accounts.add(new String[]{rows.getString(1), rows.getString(2)});
            }
        }
        return accounts;
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

}
