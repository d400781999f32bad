package io.strata.masking.job;

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

    /** How to connect to a virtual database; a 409 when it has no password or is not PostgreSQL. */
    public ConnectionFactory to(KnownVdb vdb) {
        if (!"postgresql".equals(vdb.engine)) {
            throw ApiException.badRequest("vdb", "Virtual database " + vdb.name + " runs " + vdb.engine + "; "
                    + "masking works on PostgreSQL virtual databases for now.");
        }
        return connect(vdb.id, vdb.name, vdb.host, vdb.port, vdb.databaseName, vdb.databaseUser);
    }

    /**
     * How to connect to a working virtual database the provisioning service made for this service (it announces
     * them to their owner alone, so they are never {@link KnownVdb}s).
     */
    public ConnectionFactory to(String vdbId, VdbView.Connection connection) {
        return connect(vdbId, vdbId, connection.host(), connection.port(), connection.database(), connection.user());
    }

    private ConnectionFactory connect(String id, String name, String host, Integer port, String database,
            String user) {
        String password = secrets.get(id).get("password");
        if (password == null) {
            throw ApiException.conflict("Virtual database " + name + " has no password in the secret store; "
                    + "is this service's STRATA_HOME the provisioning service's?");
        }
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + (database == null ? "postgres" : database);
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", String.valueOf(Math.max(1, config.connectTimeout().toSeconds())));
        properties.setProperty("ApplicationName", "strata-masking");
        return () -> DriverManager.getConnection(url, properties);
    }
}
