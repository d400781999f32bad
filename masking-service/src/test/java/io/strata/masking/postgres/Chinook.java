package io.strata.masking.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.strata.testing.PostgresCluster;

/**
 * The Chinook sample database (a music store: artists, albums, tracks, customers, employees, invoices; see
 * {@code chinook/LICENSE.md}) loaded into a fresh database of the shared test cluster.
 */
final class Chinook {

    /** The script's own database handling: the test makes the database and connects to it itself. */
    private static final Pattern DATABASE_LINES = Pattern.compile("^(DROP DATABASE|CREATE DATABASE|\\\\c ).*");

    private Chinook() {
    }

    /** A new database holding Chinook; returns its name. */
    static String load() {
        PostgresCluster cluster = PostgresCluster.shared();
        String url = cluster.createDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        try (Connection connection = cluster.connect(database);
                Statement statement = connection
                        .createStatement()) {
            statement.execute(script());
        } catch (SQLException e) {
            throw new IllegalStateException("Chinook did not load: " + e.getMessage(), e);
        }
        return database;
    }

    /** The connections of a test database, as the service will make them. */
    static ConnectionFactory connections(String database) {
        return () -> PostgresCluster.shared().connect(database);
    }

    private static String script() {
        try (InputStream in = Chinook.class.getResourceAsStream("/chinook/chinook-postgresql.sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(line -> !DATABASE_LINES.matcher(line).matches()).collect(Collectors
                    .joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
