package io.strata.masking.subset;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import io.strata.testing.PostgresCluster;
import io.strata.testing.SampleDatabases;

/** Databases for the subset tests, in the JVM's shared cluster: Chinook, or a schema of the test's own. */
final class SubsetDatabases {

    private SubsetDatabases() {
    }

    static PostgresCluster cluster() {
        return PostgresCluster.shared();
    }

    /** A new empty database; returns its name. */
    static String create(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        cluster().createDatabase(name);
        return name;
    }

    /** A new database holding the Chinook sample; returns its name. */
    static String chinook() {
        String database = create("chinook");
        SampleDatabases.loadChinook(cluster(), database);
        return database;
    }

    static Connection connect(String database) throws SQLException {
        return cluster().connect(database);
    }

    /** The first column of a query's rows, as a sorted set of numbers. */
    static TreeSet<Long> ids(Connection connection, String query) throws SQLException {
        TreeSet<Long> ids = new TreeSet<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    static long count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Fails unless every foreign key holds, checked by the database itself and not by the code under test: each
     * constraint is dropped and added again, which validates every row, in a transaction rolled back at the end.
     */
    static void assertEveryForeignKeyHolds(Connection connection) throws SQLException {
        List<String[]> keys = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT conrelid::regclass::text, quote_ident(conname), "
                        + "pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conparentid = 0")) {
            while (rows.next()) {
                keys.add(new String[]{rows.getString(1), rows.getString(2), rows.getString(3)});
            }
        }
        connection.setAutoCommit(false);
        List<String> broken = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (String[] key : keys) {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    statement.execute("ALTER TABLE " + key[0] + " DROP CONSTRAINT " + key[1]);
                    statement.execute("ALTER TABLE " + key[0] + " ADD CONSTRAINT " + key[1] + " " + key[2]);
                } catch (SQLException e) {
                    broken.add(key[1] + ": " + e.getMessage());
                }
                connection.rollback(savepoint);
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        if (!broken.isEmpty()) {
            fail("Foreign keys broken: " + broken);
        }
        if (keys.isEmpty()) {
            fail("The database has no foreign key to check");
        }
    }
}
