package io.strata.engine.mariadb;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.strata.engine.HostConnection;
import io.strata.engine.UserError;

/**
 * Runs SQL with the {@code mariadb} client on a host: against the source over TCP (the password in
 * {@code MYSQL_PWD}, never on the command line), or against a server Strata runs over its Unix socket as
 * {@code root} (which a fresh MariaDB data directory lets the OS root log in as, by unix_socket authentication).
 * SQL goes on standard input; answers come back as rows of tab-separated fields.
 */
final class MariaDbClient {

    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final HostConnection host;
    private final String clientDir;
    private final List<String> connection;
    private final Map<String, String> environment;
    private final String describe;

    private MariaDbClient(HostConnection host, String clientDir, List<String> connection,
            Map<String, String> environment, String describe) {
        this.host = host;
        this.clientDir = clientDir;
        this.connection = connection;
        this.environment = environment;
        this.describe = describe;
    }

    /** A client of a server over TCP with a password; {@code database} may be {@code null}. */
    static MariaDbClient tcp(HostConnection host, String clientDir, String server, int port, String database,
            String user, String password) {
        List<String> connection = new ArrayList<>(List.of("--protocol=TCP", "--host=" + server, "--port=" + port,
                "--user=" + user, "--connect-timeout=10"));
        if (database != null) {
            connection.add("--database=" + database);
        }
        return new MariaDbClient(host, clientDir, connection, password == null
                ? Map.of()
                : Map.of("MYSQL_PWD", password), "MariaDB at " + server + ":" + port);
    }

    /** A client of a server Strata runs, over its socket, as root. */
    static MariaDbClient socket(HostConnection host, String clientDir, String socket) {
        return new MariaDbClient(host, clientDir, List.of("--protocol=SOCKET", "--socket=" + socket, "--user=root"),
                Map.of(), "the MariaDB server on socket " + socket);
    }

    /** The rows of a query, without the header. */
    List<List<String>> rows(String sql) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : run(sql, true).split("\n")) {
            if (!line.isEmpty()) {
                rows.add(List.of(line.split("\t", -1)));
            }
        }
        return rows;
    }

    /** The single value of a one-row, one-column query, or {@code null} without a row. */
    String value(String sql) {
        List<List<String>> rows = rows(sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    /** The first row of a statement like {@code SHOW SLAVE STATUS} by column name; empty without a row. */
    Map<String, String> namedRow(String sql) {
        String[] lines = run(sql, false).split("\n");
        Map<String, String> row = new LinkedHashMap<>();
        if (lines.length >= 2) {
            String[] names = lines[0].split("\t", -1);
            String[] values = lines[1].split("\t", -1);
            for (int i = 0; i < names.length && i < values.length; i++) {
                row.put(names[i], values[i]);
            }
        }
        return row;
    }

    /** Runs statements; fails on the first error. */
    void execute(String sql) {
        run(sql, true);
    }

    private String run(String sql, boolean skipNames) {
        List<String> command = new ArrayList<>(List.of(clientDir + "/mariadb", "--no-defaults", "--batch", "--raw"));
        if (skipNames) {
            command.add("--skip-column-names");
        }
        command.addAll(connection);
        HostConnection.Result result = host.run(command, environment, sql.getBytes(StandardCharsets.UTF_8), TIMEOUT);
        if (result.exitCode() != 0) {
            throw explain(result.stderr().isBlank() ? result.stdout() : result.stderr());
        }
        return result.stdout();
    }

    private UserError explain(String output) {
        String text = output.strip();
        if (text.contains("Access denied for user") && text.contains("to database")) {
            // MariaDB answers so for a database that does not exist too, to a user without global privileges.
            return new UserError("The database does not exist on " + describe + ", or the user may not use it.",
                    "Check connection.database, and grant the user access (e.g. GRANT SELECT ON `database`.* TO the "
                            + "user).",
                    text);
        }
        if (text.contains("Access denied for user")) {
            return new UserError("The user name or password was refused by " + describe + ".",
                    "Check connection.user and connection.password, and that the user may log in from the staging "
                            + "host (its host part, e.g. 'user'@'%').",
                    text);
        }
        if (text.contains("Unknown database")) {
            return new UserError("The database does not exist on " + describe + ".",
                    "Check connection.database; POST /environments/{id}/discover with a mariadb connection lists the "
                            + "databases.",
                    text);
        }
        if (text.contains("Can't connect") || text.contains("Unknown server host") || text.contains(
                "Lost connection")) {
            return new UserError("Cannot connect to " + describe + ".",
                    "Check that the server runs and accepts TCP connections from the staging host (bind-address, "
                            + "skip-networking, firewall), and the host name and port.",
                    text);
        }
        return new UserError("A statement on " + describe + " failed.", "See the output.", text);
    }
}
