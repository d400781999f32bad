package io.strata.contracts.provisioning;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A virtual database as the API shows it ({@code GET /api/v1/vdbs/{id}}); its password only comes from
 * {@code GET /api/v1/vdbs/{id}/credentials}.
 *
 * @param id its id, also the id of its own dataset and timeline
 * @param name its name
 * @param engine the plugin
 * @param status PROVISIONING, RUNNING, STOPPED, FAILED or DELETING
 * @param connection how to connect
 * @param parent the dataset it was provisioned from (a source, a masked dataset)
 * @param snapshot the snapshot its data comes from
 * @param timestamp the point in time it was recovered to, if any
 * @param environment the target environment
 * @param parameters its virtual parameters
 * @param error why it failed
 * @param createdAt when it was requested
 * @param purpose what a working virtual database is for ({@code masking}, {@code profiling}), made by another
 *        service for itself ({@link WorkingVdbRequested}); {@code null} for one a user asked for
 * @param owner the user who owns it (who provisioned it); {@code null} for working ones and for those made before
 *        users existed, which only admins see
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VdbView(String id, String name, String engine, String status, Connection connection, String parent,
        String snapshot, Instant timestamp, String environment, Map<String, Object> parameters, String error,
        Instant createdAt, String purpose, String owner) {

    /** A virtual database a user asked for (no purpose), with no owner. */
    public VdbView(String id, String name, String engine, String status, Connection connection, String parent,
            String snapshot, Instant timestamp, String environment, Map<String, Object> parameters, String error,
            Instant createdAt) {
        this(id, name, engine, status, connection, parent, snapshot, timestamp, environment, parameters, error,
                createdAt, null, null);
    }

    /**
     * @param host the host to connect to
     * @param port the port
     * @param database the database name (for PostgreSQL)
     * @param user the database user whose password the credentials give
     * @param path the data directory on the target (for files)
     */
    public record Connection(String host, int port, String database, String user, String path) {
    }
}
