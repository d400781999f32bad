package io.strata.masking.job;

import java.sql.Driver;
import java.sql.DriverManager;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.errors.ApiException;
import io.strata.common.secrets.SecretStore;
import io.strata.contracts.provisioning.VdbView;
import io.strata.masking.config.MaskingConfig;
import io.strata.masking.known.KnownVdb;
import io.strata.masking.postgres.ConnectionFactory;

/**
 * Connections to a virtual database as its own user, with the password the provisioning service keeps for it in the
 * secret store (never in an event).
 */
@ApplicationScoped
public class VdbConnections {

    @Inject
    SecretStore secrets;

    @Inject
    MaskingConfig config;

    /** How to connect to a virtual database; a 409 when it has no password, a 400 when its engine is not masked. */
    public ConnectionFactory to(KnownVdb vdb) {
        if (!ConnectionFactory.POSTGRESQL.equals(vdb.engine) && !ConnectionFactory.MARIADB.equals(vdb.engine)) {
            throw ApiException.badRequest("vdb", "Virtual database " + vdb.name + " runs " + vdb.engine + "; "
                    + "masking works on PostgreSQL and MariaDB virtual databases.");
        }
        return connect(vdb.engine, vdb.id, vdb.name, new VdbView.Connection(vdb.host, vdb.port, vdb.databaseName,
                vdb.databaseUser, null));
    }

    /**
     * How to connect to a PostgreSQL virtual database, for the work only PostgreSQL has yet; a 400 naming the work
     * otherwise.
     */
    public ConnectionFactory toPostgres(KnownVdb vdb, String work) {
        if (!ConnectionFactory.POSTGRESQL.equals(vdb.engine)) {
            throw ApiException.badRequest("dataset", work + " works on PostgreSQL databases; virtual database "
                    + vdb.name + " runs " + vdb.engine + ". Run the subset itself (a masking job with a subset) "
                    + "on a copy you can throw away instead.");
        }
        return to(vdb);
    }

    /**
     * How to connect to a working virtual database the provisioning service made for this service (it announces
     * them to their owner alone, so they are never {@link KnownVdb}s).
     */
    public ConnectionFactory to(String engine, String vdbId, VdbView.Connection connection) {
        return connect(engine, vdbId, vdbId, connection);
    }

    private ConnectionFactory connect(String engine, String id, String name, VdbView.Connection connection) {
        String password = secrets.get(id).get("password");
        if (password == null) {
            throw ApiException.conflict("Virtual database " + name + " has no password in the secret store; "
                    + "is this service's STRATA_HOME the provisioning service's?");
        }
        Properties properties = new Properties();
        properties.setProperty("user", connection.user());
        properties.setProperty("password", password);
        String database = connection.database();
        String address = connection.host() + ":" + connection.port() + "/";
        if (ConnectionFactory.MARIADB.equals(engine)) {
            // Local infile: the masked rows go back with LOAD DATA LOCAL INFILE, from this service's spool files.
            properties.setProperty("allowLocalInfile", "true");
            properties.setProperty("connectTimeout", String.valueOf(config.connectTimeout().toMillis()));
            String url = "jdbc:mariadb://" + address + (database == null ? "" : database);
            // The driver itself, not DriverManager: it finds only drivers its caller's class loader registered.
            Driver driver = new org.mariadb.jdbc.Driver();
            return ConnectionFactory.mariaDb(() -> driver.connect(url, properties));
        }
        properties.setProperty("connectTimeout", String.valueOf(Math.max(1, config.connectTimeout().toSeconds())));
        properties.setProperty("ApplicationName", "strata-masking");
        String url = "jdbc:postgresql://" + address + (database == null ? "postgres" : database);
        return () -> DriverManager.getConnection(url, properties);
    }
}
