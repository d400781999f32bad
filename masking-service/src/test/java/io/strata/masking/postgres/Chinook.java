package io.strata.masking.postgres;

import io.strata.testing.PostgresCluster;
import io.strata.testing.SampleDatabases;

/**
 * The Chinook sample database (a music store: artists, albums, tracks, customers, employees, invoices; see
 * test-support's {@code datasets/chinook/LICENSE.md}) loaded into a fresh database of the shared test cluster.
 */
final class Chinook {

    private Chinook() {
    }

    /** A new database holding Chinook; returns its name. */
    static String load() {
        PostgresCluster cluster = PostgresCluster.shared();
        String url = cluster.createDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        SampleDatabases.loadChinook(cluster, database);
        return database;
    }

    /** The connections of a test database, as the service will make them. */
    static ConnectionFactory connections(String database) {
        return () -> PostgresCluster.shared().connect(database);
    }
}
