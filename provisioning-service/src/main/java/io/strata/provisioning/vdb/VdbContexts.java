package io.strata.provisioning.vdb;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.strata.common.config.StrataServiceConfig;
import io.strata.common.errors.ApiException;
import io.strata.common.secrets.SecretStore;
import io.strata.contracts.ingest.EnvironmentKind;
import io.strata.contracts.ingest.EnvironmentRef;
import io.strata.engine.EnginePlugin;
import io.strata.engine.HostConnection;
import io.strata.engine.Plugins;
import io.strata.engine.Repository;
import io.strata.engine.SnapshotMetadata;
import io.strata.engine.UserError;
import io.strata.engine.VirtualDatabase;
import io.strata.hosts.HostConnections;
import io.strata.provisioning.config.ProvisioningConfig;
import io.strata.provisioning.known.KnownEnvironment;
import io.strata.provisioning.known.KnownSnapshot;
import io.strata.provisioning.known.KnownWindow;

/**
 * What a plugin sees of a virtual database, and the pieces to build it: the target's connection, the engine
 * installation on the target (found there once and remembered), the secrets.
 */
@ApplicationScoped
public class VdbContexts {

    /** The local environment every installation has. */
    public static final String LOCAL = "local";

    /** Before a namespace, the environment of the virtual databases that run in pods there. */
    public static final String KUBERNETES_PREFIX = "kubernetes:";

    @Inject
    HostConnections hosts;

    @Inject
    SecretStore secrets;

    @Inject
    ProvisioningConfig config;

    @Inject
    StrataServiceConfig service;

    private final Map<String, EnginePlugin> plugins = Plugins.load();
    private final Map<String, List<Repository>> repositories = new ConcurrentHashMap<>();

    /** A plugin, or 400. */
    public EnginePlugin plugin(String engine) {
        EnginePlugin plugin = plugins.get(engine);
        if (plugin == null) {
            throw ApiException.badRequest("from", "The snapshot's engine " + engine + " has no plugin here "
                    + plugins.keySet() + ".");
        }
        return plugin;
    }

    /** How to reach an environment; the local one is always known. */
    @Transactional
    public EnvironmentRef environment(String id) {
        if (LOCAL.equals(id)) {
            return new EnvironmentRef(LOCAL, EnvironmentKind.LOCAL, null, 0, System.getProperty("user.name"), null,
                    null);
        }
        if (id.startsWith(KUBERNETES_PREFIX)) {
            return new EnvironmentRef(id, EnvironmentKind.KUBERNETES, null, 0, null, null, null, id.substring(
                    KUBERNETES_PREFIX.length()), null, null);
        }
        KnownEnvironment known = KnownEnvironment.findById(id);
        if (known == null) {
            KnownEnvironment byName = KnownEnvironment.find("name", id).firstResult();
            if (byName == null) {
                return null;
            }
            known = byName;
        }
        return known.ref;
    }

    /** A connection to an environment. */
    public HostConnection connect(EnvironmentRef environment) {
        return hosts.connect(environment);
    }

    /** The engine installation to run on the target: the same major version as the snapshot's server. */
    public Repository repository(EnvironmentRef environment, EnginePlugin plugin, Map<String, String> metadata) {
        List<Repository> found = repositories.computeIfAbsent(environment.id() + "|" + plugin.name(), key -> plugin
                .discovery().repositories(connect(environment)));
        String version = SnapshotMetadata.SERVER_VERSION.in(metadata);
        String major = version == null ? null : version.split("[.\\s]")[0];
        return found.stream().filter(r -> major == null || major.equals(r.properties().get("major"))).findFirst()
                .orElseGet(() -> {
                    if (found.isEmpty() && !"files".equals(plugin.name())) {
                        throw new UserError("No " + plugin.name() + " installation was found on " + environment.id()
                                + ".", "Install it there (the same major version as the source, " + major + ").");
                    }
                    if (!found.isEmpty() && major != null && !"files".equals(plugin.name())) {
                        throw new UserError("The snapshot needs " + plugin.name() + " " + major + " but " + environment
                                .id() + " has " + found.stream().map(Repository::version).toList() + ".",
                                "Install version " + major + " on the target.");
                    }
                    return found.isEmpty() ? null : found.get(0);
                });
    }

    /**
     * The virtual database as its plugin sees it on its current clone (to start, stop, check or snapshot it),
     * keeping the current life's log.
     */
    @Transactional
    public VirtualDatabase virtual(Vdb vdb, String dataPath) {
        return build(vdb, dataPath, null, null, vdb.life > 0 ? ownLog(vdb, vdb.life) : null, null);
    }

    /**
     * The virtual database on a new clone at {@code dataPath}: it starts a new life with a log of its own. A point in
     * time replays the source's kept log; a rewind to a time replays the current life's log, and what only the
     * replaced clone holds yet.
     */
    @Transactional
    public VirtualDatabase virtualForNewLife(Vdb vdb, boolean rewind, Instant recoveryTime, String dataPath) {
        boolean ownTime = rewind && recoveryTime != null;
        String replay = null;
        if (ownTime) {
            replay = ownLog(vdb, vdb.life);
        } else if (recoveryTime != null) {
            KnownWindow window = KnownWindow.findById(vdb.parent);
            replay = window == null ? null : window.archive;
        }
        return build(vdb, dataPath, recoveryTime, replay, ownLog(vdb, vdb.life + 1), ownTime ? vdb.path : null);
    }

    /** Where a virtual database keeps its own log during a life: on its target, outside every clone. */
    public String ownLog(Vdb vdb, int life) {
        return vdb.workPath + "/wal/" + life;
    }

    private VirtualDatabase build(Vdb vdb, String dataPath, Instant recoveryTime, String logArchive, String ownLog,
            String previousDataPath) {
        EnvironmentRef environment = environment(vdb.environmentId);
        EnginePlugin plugin = plugin(vdb.engine);
        KnownSnapshot snapshot = KnownSnapshot.findById(vdb.snapshotId);
        Map<String, String> metadata = snapshot == null || snapshot.metadata == null ? Map.of() : snapshot.metadata;
        Map<String, Object> parameters = new LinkedHashMap<>(vdb.parameters);
        if (vdb.databaseUser != null) {
            parameters.putIfAbsent("user", vdb.databaseUser);
        }
        // The database the user is given (MariaDB grants on it; a PostgreSQL role needs no grant to log in).
        if (vdb.databaseName != null) {
            parameters.putIfAbsent("database", vdb.databaseName);
        }
        // A working virtual database is never rewound: it keeps no log of its own (archiving would only slow down
        // the rewrite of every masked table).
        return new VirtualDatabase(vdb.id, vdb.name, connect(environment), dataPath, vdb.workPath, vdb.port,
                parameters, secrets.get(vdb.secretRef), recoveryTime, logArchive, repository(environment, plugin,
                        metadata),
                vdb.working() ? null : ownLog, previousDataPath);
    }

    /** Where a virtual database's own files go on its target. */
    public String workPath(String vdbId) {
        return config.workRoot().orElse(Path.of(service.home(), "provisioning", "vdbs").toString()) + "/" + vdbId;
    }

    /**
     * What a snapshot of a virtual database says of its engine, so that a VDB provisioned from it (a branch, say)
     * starts like this one: the engine, server version, database and user, from the snapshot it was made from, less
     * what holds for the source only (its kept WAL, its timeline).
     */
    public Map<String, String> snapshotMetadata(Vdb vdb) {
        KnownSnapshot from = KnownSnapshot.findById(vdb.snapshotId);
        Map<String, String> metadata = from == null || from.metadata == null
                ? new LinkedHashMap<>()
                : new LinkedHashMap<>(from.metadata);
        metadata.remove(SnapshotMetadata.WAL_ARCHIVE.key());
        metadata.remove(SnapshotMetadata.TIMELINE.key());
        metadata.put(SnapshotMetadata.ENGINE.key(), vdb.engine);
        if (vdb.databaseName != null) {
            metadata.put(SnapshotMetadata.DATABASE.key(), vdb.databaseName);
        }
        if (vdb.databaseUser != null) {
            metadata.put(SnapshotMetadata.USER.key(), vdb.databaseUser);
        }
        return metadata;
    }
}
