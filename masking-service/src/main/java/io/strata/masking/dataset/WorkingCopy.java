package io.strata.masking.dataset;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.config.StrataServiceConfig;
import io.strata.common.secrets.Passwords;
import io.strata.engine.EnginePlugin;
import io.strata.engine.HostConnection;
import io.strata.engine.Plugins;
import io.strata.engine.Repository;
import io.strata.engine.SnapshotMetadata;
import io.strata.engine.UserError;
import io.strata.engine.VirtualDatabase;
import io.strata.hosts.LocalHost;
import io.strata.masking.config.MaskingConfig;
import io.strata.masking.postgres.ConnectionFactory;

/**
 * A PostgreSQL engine on a working clone of a source snapshot, on this host (the storage host, where clones are
 * local), for the masking service alone: it listens on a free port, its superuser gets a password of the moment
 * (held in memory, never written anywhere), and it is stopped cleanly before the clone is snapshotted, so the masked
 * snapshot starts without recovery. The engine plugin's own configure, start and stop run it, as for a virtual
 * database.
 */
@ApplicationScoped
public class WorkingCopy {

    @Inject
    StrataServiceConfig service;

    @Inject
    MaskingConfig config;

    private final HostConnection host = new LocalHost();
    private final Map<String, EnginePlugin> plugins = Plugins.load();
    private final Map<String, List<Repository>> repositories = new ConcurrentHashMap<>();

    /**
     * A running engine on a clone.
     *
     * @param database the engine as its plugin sees it
     * @param connections connections to the snapshot's database as the superuser
     */
    public record Running(VirtualDatabase database, ConnectionFactory connections) {
    }

    /** Configures and starts the engine on the clone at {@code clonePath}; the snapshot's metadata says which. */
    public Running start(String name, String clonePath, Map<String, String> metadata) {
        EnginePlugin plugin = postgres(metadata);
        String password = Passwords.generate();
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("user", config.superuser());
        VirtualDatabase database = new VirtualDatabase(name, name, host, clonePath, workPath(name), freePort(),
                parameters, Map.of("password", password), null, null, repository(plugin, metadata));
        plugin.virtual().configure(database);
        try {
            plugin.virtual().start(database);
        } catch (RuntimeException e) {
            stopQuietly(database);
            throw e;
        }
        String databaseName = SnapshotMetadata.DATABASE.in(metadata);
        String url = "jdbc:postgresql://127.0.0.1:" + database.port() + "/" + (databaseName == null
                ? "postgres"
                : databaseName);
        Properties properties = new Properties();
        properties.setProperty("user", config.superuser());
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "strata-masking");
        Running running = new Running(database, () -> DriverManager.getConnection(url, properties));
        durability(running, false);
        return running;
    }

    /** Gives the engine its durability settings back, before its last changes and its clean stop. */
    public void makeDurable(Running running) {
        durability(running, true);
    }

    /**
     * The working clone is private and disposable: a crash loses the job, never data, so the engine runs without
     * flushing to disk ({@code fsync}, {@code synchronous_commit}, {@code full_page_writes} off). The settings are
     * reset before the clean stop, so the masked snapshot, and every database made from it, is durable again; the
     * stop's checkpoint writes everything, and the snapshot takes the files as they are then.
     */
    private static void durability(Running running, boolean durable) {
        try (Connection connection = running.connections().open();
                Statement statement = connection
                        .createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                statement.execute(durable
                        ? "alter system reset " + setting
                        : "alter system set " + setting
                                + " = off");
            }
            statement.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change the working engine's durability settings: " + e
                    .getMessage(), e);
        }
    }

    /** Stops the engine (a clean shutdown) and removes its files outside the clone. */
    public void stop(VirtualDatabase database) {
        EnginePlugin plugin = plugins.get("postgresql");
        plugin.virtual().stop(database);
        plugin.virtual().unconfigure(database);
    }

    /**
     * Stops whatever engine a job started on a clone, after a failure or a restart; {@code false} when one may still
     * run there (the clone must then be kept).
     */
    public boolean stopLeftover(String name, String clonePath, Map<String, String> metadata) {
        try {
            EnginePlugin plugin = postgres(metadata);
            VirtualDatabase database = new VirtualDatabase(name, name, host, clonePath, workPath(name), 0, Map.of(),
                    Map.of(), null, null, repository(plugin, metadata));
            stop(database);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void stopQuietly(VirtualDatabase database) {
        try {
            stop(database);
        } catch (RuntimeException e) {
            // The start failed already; that error is the one to report.
        }
    }

    private EnginePlugin postgres(Map<String, String> metadata) {
        String engine = SnapshotMetadata.ENGINE.in(metadata);
        if (!"postgresql".equals(engine)) {
            throw new UserError("The snapshot holds a " + engine + " database; masked datasets are made of "
                    + "PostgreSQL sources for now.", "Choose a PostgreSQL source.");
        }
        return plugins.get("postgresql");
    }

    /** The installation on this host of the snapshot's major version. */
    private Repository repository(EnginePlugin plugin, Map<String, String> metadata) {
        List<Repository> found = repositories.computeIfAbsent(plugin.name(), key -> plugin.discovery().repositories(
                host));
        String version = SnapshotMetadata.SERVER_VERSION.in(metadata);
        String major = version == null ? null : version.split("[.\\s]")[0];
        return found.stream().filter(r -> major == null || major.equals(r.properties().get("major"))).findFirst()
                .orElseThrow(() -> new UserError("The snapshot needs PostgreSQL " + major + " to be masked, and "
                        + "this host has " + found.stream().map(Repository::version).toList() + ".",
                        "Install PostgreSQL " + major + " on the storage host, where the masking service runs."));
    }

    private String workPath(String name) {
        return Path.of(service.home(), "masking", "work", name).toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for a working clone", e);
        }
    }

}
