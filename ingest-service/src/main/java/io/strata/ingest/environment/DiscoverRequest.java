package io.strata.ingest.environment;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * {@code POST /api/v1/environments/{id}/discover}, e.g.
 * {@code {"postgresql": {"connection": {"host": "127.0.0.1", "port": 5432, "user": "postgres", "password": "..."}}}}.
 * Discovery always looks for every engine's installations; for an engine given a connection it also lists the
 * databases that connection sees. The password is used for that and forgotten: it is stored nowhere, and no
 * {@code toString} shows it.
 *
 * @param postgresql how to reach a PostgreSQL server of the environment
 * @param mariadb how to reach a MariaDB server of the environment
 * @param others any other key: an engine whose discovery takes no connection ({@code files}), or a mistake that
 *        {@link EnvironmentService#discover} refuses naming it
 */
public record DiscoverRequest(@Valid EngineDiscovery postgresql, @Valid EngineDiscovery mariadb,
        @JsonAnySetter Map<String, Object> others) {

    /** Without a body: installations only. */
    public static final DiscoverRequest NONE = new DiscoverRequest(null, null, null);

    public DiscoverRequest {
        others = others == null ? new LinkedHashMap<>() : new LinkedHashMap<>(others);
    }

    /** The connections given, by engine name. */
    public Map<String, Connection> connections() {
        Map<String, Connection> given = new LinkedHashMap<>();
        if (postgresql != null) {
            given.put("postgresql", postgresql.connection());
        }
        if (mariadb != null) {
            given.put("mariadb", mariadb.connection());
        }
        return given;
    }

    /** @param connection the connection whose databases to list */
    public record EngineDiscovery(@NotNull(message = Connection.REQUIRED) @Valid Connection connection) {
    }

    /**
     * A connection to a database server, from the environment it runs on.
     *
     * @param host its host (default 127.0.0.1)
     * @param port its port (default: the engine's)
     * @param database the database to connect to (default: the engine's, {@code postgres} for PostgreSQL, none
     *        for MariaDB)
     * @param user a user that may list the databases
     * @param password that user's password, if the server asks for one
     */
    public record Connection(
            String host,
            @Min(value = 1, message = PORT) @Max(value = 65535, message = PORT) Integer port,
            String database,
            @NotBlank(message = "is required: a user that may list the databases") String user,
            String password) {

        static final String REQUIRED = "is required: {host, port, database, user, password} of the server whose "
                + "databases to list";
        private static final String PORT = "must be between 1 and 65535";

        /** The fields the engine's discovery reads, without the password. */
        public Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            putIfGiven(fields, "host", host);
            putIfGiven(fields, "port", port);
            putIfGiven(fields, "database", database);
            putIfGiven(fields, "user", user);
            return fields;
        }

        /** The password, named as the engine's discovery expects its secrets. */
        public Map<String, String> secrets() {
            return password == null ? Map.of() : Map.of("connection.password", password);
        }

        private static void putIfGiven(Map<String, Object> fields, String name, Object value) {
            if (value != null) {
                fields.put(name, value);
            }
        }

        /** The password must never reach a log line through this record. */
        @Override
        public String toString() {
            return "Connection[" + user + "@" + host + ":" + port + "/" + database + (password == null
                    ? ""
                    : ", password redacted") + "]";
        }
    }
}
