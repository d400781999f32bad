package io.strata.engine.postgresql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.strata.engine.HostConnection;
import io.strata.engine.UserError;

/**
 * Runs SQL with {@code psql} on a host: against the source over TCP (the password in the environment, never on the
 * command line), or against a staging or virtual server over its Unix socket as the {@code postgres} user.
 * Answers come back as rows of {@code |}-separated fields.
 */
final class Psql {

    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final HostConnection host;
    private final String binDir;
    private final List<String> connection;
    private final Map<String, String> environment;
    private final String osUser;
    private final String describe;

    private Psql(HostConnection host, String binDir, List<String> connection, Map<String, String> environment,
            String osUser, String describe) {
        this.host = host;
        this.binDir = binDir;
        this.connection = connection;
        this.environment = environment;
        this.osUser = osUser;
        this.describe = describe;
    }

    /** psql to a server over TCP with a password. */
    static Psql tcp(HostConnection host, String binDir, String server, int port, String database, String user,
            String password) {
        String conninfo = "host=" + server + " port=" + port + " dbname=" + database + " user=" + user
                + " connect_timeout=10 application_name=strata";
        return new Psql(host, binDir, List.of(conninfo), password == null
                ? Map.of()
                : Map.of("PGPASSWORD",
                        password),
                null, "PostgreSQL at " + server + ":" + port);
    }

    /** psql to a local server over its socket directory, as the postgres OS user (peer authentication). */
    static Psql socket(HostConnection host, String binDir, String socketDir, int port, String database) {
        return new Psql(host, binDir, List.of("-h", socketDir, "-p", String.valueOf(port), "-d", database, "-U",
                "postgres"), Map.of(), "postgres", "PostgreSQL on socket " + socketDir + " port " + port);
    }

    /** The same connection in replication mode (for IDENTIFY_SYSTEM). */
    Psql replication() {
        List<String> replicationConnection = new ArrayList<>(connection);
        replicationConnection.set(0, connection.get(0) + " replication=database");
        return new Psql(host, binDir, replicationConnection, environment, osUser, describe);
    }

    /** The rows of a query; each row's fields. Fails with a {@link UserError} explaining a connection problem. */
    List<List<String>> rows(String sql) {
        HostConnection.Result result = run(sql);
        List<List<String>> rows = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            if (!line.isEmpty()) {
                rows.add(List.of(line.split("\\|", -1)));
            }
        }
        return rows;
    }

    /** The single value of a one-row, one-column query. */
    String value(String sql) {
        List<List<String>> rows = rows(sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    /** Runs statements; fails on any error. SQL is passed on standard input, never on the command line. */
    void execute(String sql) {
        run(sql);
    }

    private HostConnection.Result run(String sql) {
        List<String> command = new ArrayList<>(List.of(binDir + "/psql", "-X", "-q", "-A", "-t", "-F", "|", "-v",
                "ON_ERROR_STOP=1"));
        command.addAll(connection);
        command.addAll(List.of("-f", "-"));
        HostConnection.Result result = host.run(host.as(osUser, command), environment, sql.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), TIMEOUT);
        if (result.exitCode() != 0) {
            throw explain(result.stderr().isBlank() ? result.stdout() : result.stderr());
        }
        return result;
    }

    private UserError explain(String output) {
        String text = output.strip();
        if (text.contains("password authentication failed")) {
            return new UserError("The password was refused by " + describe + ".",
                    "Check the user name and password in the connection.", text);
        }
        if (text.contains("does not exist") && text.contains("database")) {
            return new UserError("The database does not exist on " + describe + ".",
                    "Check connection.database; GET /environments/{id}/source-configs lists the databases.", text);
        }
        if (text.contains("no pg_hba.conf entry")) {
            return new UserError(describe + " does not allow this connection (pg_hba.conf).",
                    "Add a pg_hba.conf line for this host and user (for linking also a 'replication' line), then "
                            + "reload the server.",
                    text);
        }
        if (text.contains("Connection refused") || text.contains("could not connect") || text.contains(
                "timeout expired") || text.contains("could not translate host name")) {
            return new UserError("Cannot connect to " + describe + ".",
                    "Check that the server runs and accepts TCP connections from the staging host (listen_addresses, "
                            + "firewall), and the host name and port.",
                    text);
        }
        return new UserError("A query on " + describe + " failed.", "See the output.", text);
    }
}
