package io.strata.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real MariaDB server of the test's own, a "production" source: {@code mariadb-install-db} into a temporary
 * directory, {@code mariadbd} started as the {@code mysql} user on a free port of 127.0.0.1, with its socket in a
 * directory the mysql user owns. By default it writes a row-based binary log with server id 1, as a source that can be
 * replicated must; root logs in over the socket (unix_socket authentication, the default of a new data directory).
 */
public final class MariaDbServer implements AutoCloseable {

    private static final String BIN = "/usr/bin";
    private static final String SERVER = "/usr/sbin/mariadbd";

    /** The password of {@link #chinookSource()}'s {@code linker}. */
    public static final String LINKER_PASSWORD = "lp";

    private final Path root;
    private final Path dataDir;
    private final Path socket;
    private final Path logFile;
    private final int port;
    private Process process;

    private MariaDbServer(Path root, int port) {
        this.root = root;
        this.dataDir = root.resolve("data");
        this.socket = root.resolve("run/mariadbd.sock");
        this.logFile = root.resolve("mariadbd.log");
        this.port = port;
    }

    /** A new source server writing a row-based binary log. */
    public static MariaDbServer start() {
        return start(true);
    }

    /** A new server, with its binary log on or off (a source that cannot be replicated). */
    public static MariaDbServer start(boolean binaryLog) {
        if (!Files.isExecutable(Path.of(SERVER))) {
            throw new IllegalStateException(SERVER + " is missing; install the packages mariadb-server and "
                    + "mariadb-backup");
        }
        try {
            Path root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "strata-mariadb-");
            MariaDbServer server = new MariaDbServer(root, Ports.free());
            server.install();
            server.startServer(binaryLog);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new source server holding Chinook (database {@code Chinook}) with a user Strata links as: {@code linker},
     * password {@value #LINKER_PASSWORD}, with the privileges a link needs and no more.
     */
    public static MariaDbServer chinookSource() {
        MariaDbServer server = start();
        server.execute(SampleDatabases.chinookMySql());
        server.execute("CREATE USER linker@'%' IDENTIFIED BY '" + LINKER_PASSWORD + "'; GRANT RELOAD, PROCESS, "
                + "REPLICATION CLIENT, REPLICATION SLAVE ON *.* TO linker@'%'; GRANT SELECT ON Chinook.* TO "
                + "linker@'%';");
        return server;
    }

    private void install() throws IOException {
        Files.createDirectories(socket.getParent());
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (Processes.isRoot()) {
            Processes.run(30, List.of("chown", "-R", "mysql:mysql", root.toString()));
        }
        Processes.run(120, List.of(BIN + "/mariadb-install-db", "--no-defaults", "--datadir=" + dataDir, "--user=mysql",
                "--auth-root-authentication-method=socket", "--skip-test-db"));
    }

    private void startServer(boolean binaryLog) throws IOException {
        List<String> command = new ArrayList<>();
        if (Processes.isRoot()) {
            command.addAll(List.of("runuser", "-u", "mysql", "--"));
        }
        command.addAll(List.of(SERVER, "--no-defaults", "--datadir=" + dataDir, "--port=" + port, "--socket=" + socket,
                "--pid-file=" + root.resolve("run/mariadbd.pid"), "--bind-address=127.0.0.1", "--server-id=1",
                "--innodb-log-file-size=16M", "--innodb-buffer-pool-size=64M", "--log-error=" + logFile));
        if (binaryLog) {
            command.addAll(List.of("--log-bin=mysql-bin", "--binlog-format=ROW"));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        for (int i = 0; i < 600; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited with " + process.exitValue() + ":\n" + Processes
                        .tail(logFile, 30));
            }
            if (Files.exists(socket) && attempt(List.of(BIN + "/mariadb-admin", "--no-defaults", "--socket=" + socket,
                    "--user=root", "ping"), Map.of(), null).exitCode == 0) {
                return;
            }
            Processes.sleep(100);
        }
        throw new IllegalStateException("mariadbd did not answer within 60 s:\n" + Processes.tail(logFile, 30));
    }

    /** Runs SQL as root over the socket and returns its rows, tab-separated, without a header. */
    public String execute(String sql) {
        return check(attempt(rootClient(), Map.of(), sql.getBytes(StandardCharsets.UTF_8)), "SQL on the source");
    }

    /**
     * Runs SQL on any MariaDB server over TCP as {@code user} with {@code password} (given in the environment, as a
     * real client would) in {@code database}; returns the rows, tab-separated.
     */
    public static String query(String host, int port, String user, String password, String database, String sql) {
        List<String> command = List.of(BIN + "/mariadb", "--no-defaults", "--batch", "--skip-column-names",
                "--protocol=TCP", "--host=" + host, "--port=" + port, "--user=" + user, "--database=" + database);
        return check(attempt(command, Map.of("MYSQL_PWD", password), sql.getBytes(StandardCharsets.UTF_8)), "SQL as "
                + user + " on " + host + ":" + port);
    }

    private List<String> rootClient() {
        return List.of(BIN + "/mariadb", "--no-defaults", "--batch", "--skip-column-names", "--socket=" + socket,
                "--user=root");
    }

    /** How a command ended. */
    private record Outcome(int exitCode, String output) {
    }

    private static Outcome attempt(List<String> command, Map<String, String> environment, byte[] stdin) {
        try {
            File output = Files.createTempFile("strata-mariadb", ".out").toFile();
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
                builder.environment().putAll(environment);
                Process client = builder.start();
                client.getOutputStream().write(stdin == null ? new byte[0] : stdin);
                client.getOutputStream().close();
                if (!client.waitFor(120, TimeUnit.SECONDS)) {
                    client.destroyForcibly();
                    throw new IllegalStateException("timed out: " + command);
                }
                return new Outcome(client.exitValue(), Files.readString(output.toPath()));
            } finally {
                Files.deleteIfExists(output.toPath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String check(Outcome outcome, String what) {
        if (outcome.exitCode != 0) {
            throw new IllegalStateException(what + " failed (exit " + outcome.exitCode + "): " + outcome.output);
        }
        return outcome.output.strip();
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    /** Stops the server (SIGTERM: a clean shutdown) and removes its files. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            Processes.run(30, List.of("kill", "-TERM", String.valueOf(process.toHandle().children().findFirst().map(
                    ProcessHandle::pid).orElse(process.pid()))));
            Processes.awaitExit(process);
        }
        Processes.deleteTree(root);
    }
}
