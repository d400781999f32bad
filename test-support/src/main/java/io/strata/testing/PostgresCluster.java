package io.strata.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real PostgreSQL cluster of the test's own: initdb into a temporary directory, started on a free port of
 * 127.0.0.1, password authentication over TCP. Used for services' state in tests and, later, as a "production"
 * source. Runs the server as the {@code postgres} user when the tests run as root (PostgreSQL refuses root).
 */
public final class PostgresCluster implements AutoCloseable {

    private static PostgresCluster shared;

    private final Path root;
    private final Path dataDir;
    private final Path socketDir;
    private final Path logFile;
    private final int port;
    private final String superuser = "postgres";
    private final String password = UUID.randomUUID().toString();
    private final Path bin;

    private PostgresCluster(Path root, int port, Map<String, String> settings) {
        this.root = root;
        this.dataDir = root.resolve("data");
        this.socketDir = root.resolve("socket");
        this.logFile = root.resolve("postgres.log");
        this.port = port;
        this.bin = binDir();
        initdb(settings);
    }

    /** One cluster per test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresCluster shared() {
        if (shared == null) {
            shared = start(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A new cluster with extra {@code postgresql.conf} settings (e.g. {@code wal_level=logical}). */
    public static PostgresCluster start(Map<String, String> settings) {
        return start(Ports.free(), settings);
    }

    /** A new cluster on a given port (a test that first shows what happens while nothing listens there). */
    public static PostgresCluster start(int port, Map<String, String> settings) {
        try {
            Path root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "strata-pg-");
            PostgresCluster cluster = new PostgresCluster(root, port, settings);
            cluster.startServer();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PostgreSQL bin directory: {@code STRATA_PG_BIN}, or the newest under /usr/lib/postgresql. */
    public static Path binDir() {
        String configured = System.getenv("STRATA_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(dir -> Files.isExecutable(dir.resolve("bin/postgres")))
                    .max(Comparator.comparingInt(dir -> Integer.parseInt(dir.getFileName().toString().split("\\.")[0])))
                    .map(dir -> dir.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL server binaries not found under "
                            + "/usr/lib/postgresql; run `make install` or set STRATA_PG_BIN"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is not installed (/usr/lib/postgresql missing); run `make "
                    + "install` or set STRATA_PG_BIN", e);
        }
    }

    private void initdb(Map<String, String> settings) {
        try {
            Files.createDirectories(socketDir);
            Path pwfile = root.resolve("pwfile");
            Files.writeString(pwfile, password + "\n");
            // The server runs as postgres: it must reach and own its directories.
            for (Path dir : List.of(root, socketDir)) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            if (Processes.isRoot()) {
                Processes.run(30, List.of("chown", "-R", "postgres:postgres", root.toString()));
            }
            Processes.runAs("postgres", 120, List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U",
                    superuser, "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E",
                    "UTF8", "--locale=C.UTF-8", "--no-sync"));
            List<String> conf = new ArrayList<>(List.of("listen_addresses = '127.0.0.1'", "port = " + port,
                    "unix_socket_directories = '" + socketDir + "'", "fsync = off", "synchronous_commit = off",
                    "full_page_writes = off", "shared_buffers = 32MB", "max_connections = 100"));
            settings.forEach((key, value) -> conf.add(key + " = " + value));
            Path auto = dataDir.resolve("postgresql.auto.conf");
            List<String> existing = new ArrayList<>(Files.readAllLines(auto));
            existing.addAll(conf);
            writeAsPostgres(auto, String.join("\n", existing) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeAsPostgres(Path file, String text) throws IOException {
        Files.writeString(file, text);
        if (Processes.isRoot()) {
            Processes.run(10, List.of("chown", "postgres:postgres", file.toString()));
        }
    }

    /** Starts the server and waits until it accepts connections. */
    public void startServer() {
        Processes.runAs("postgres", 60, List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l",
                logFile.toString(), "-w", "-t", "50", "start"));
    }

    /** Stops the server (fast shutdown). */
    public void stopServer() {
        Processes.runAs("postgres", 60, List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m",
                "fast", "-w", "stop"));
    }

    /** Creates a database and returns its JDBC URL. */
    public String createDatabase(String name) {
        execute("postgres", "create database \"" + name + "\"");
        return jdbcUrl(name);
    }

    /** A fresh database with a unique name. */
    public String createDatabase() {
        return createDatabase("test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    /** Runs SQL statements as the superuser in the given database. */
    public void execute(String database, String... statements) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + jdbcUrl(database) + ": " + e.getMessage(), e);
        }
    }

    /** A superuser connection to the given database. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), superuser, password);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Quarkus datasource settings for the given database, as the superuser. */
    public Map<String, String> datasourceConfig(String jdbcUrl) {
        return Map.of("quarkus.datasource.jdbc.url", jdbcUrl, "quarkus.datasource.username", superuser,
                "quarkus.datasource.password", password);
    }

    public int port() {
        return port;
    }

    public String superuser() {
        return superuser;
    }

    public String password() {
        return password;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        try {
            stopServer();
        } catch (RuntimeException e) {
            // Already stopped.
        }
        Processes.deleteTree(root);
    }
}
