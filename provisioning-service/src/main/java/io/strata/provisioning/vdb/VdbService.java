package io.strata.provisioning.vdb;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.strata.common.errors.ApiException;
import io.strata.common.jobs.Job;
import io.strata.common.net.PortAllocator;
import io.strata.common.net.PortReservations;
import io.strata.common.operations.OperationMachine;
import io.strata.common.operations.OperationStep;
import io.strata.common.secrets.Passwords;
import io.strata.common.secrets.SecretStore;
import io.strata.common.security.Caller;
import io.strata.common.security.Role;
import io.strata.common.util.Ids;
import io.strata.contracts.ingest.EnvironmentKind;
import io.strata.contracts.ingest.EnvironmentRef;
import io.strata.contracts.provisioning.VdbView;
import io.strata.engine.EnginePlugin;
import io.strata.engine.EnginePod;
import io.strata.engine.ParameterSchema;
import io.strata.engine.SnapshotMetadata;
import io.strata.provisioning.config.ProvisioningConfig;
import io.strata.provisioning.known.KnownSource;
import io.strata.provisioning.known.KnownWindow;
import io.strata.provisioning.vdb.VdbOrigins.Origin;

/**
 * The rules of virtual databases: every request is checked before anything is made (where the data comes from, the
 * target, the port, the engine's parameters and hooks) and answered 4xx otherwise; an accepted one starts an
 * operation (see {@link VdbOperations}) and answers with its job.
 */
@ApplicationScoped
public class VdbService {

    /** The engine (and, for a data pod's, the parent) of a commanded virtual database until its snapshot is known. */
    static final String NOT_KNOWN_YET = "unknown";

    @Inject
    VdbContexts contexts;

    @Inject
    PortReservations ports;

    @Inject
    VdbOrigins origins;

    @Inject
    VdbViews views;

    @Inject
    OperationMachine operations;

    @Inject
    SecretStore secrets;

    @Inject
    ProvisioningConfig config;

    @Inject
    Caller caller;

    @Inject
    KubernetesEngines kubernetes;

    /** A Kubernetes namespace's name (DNS-1123 label). */
    static final String NAMESPACE_PATTERN = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    /** A new virtual database and the job that provisions it. */
    public record Provisioning(Vdb vdb, Job job) {
    }

    /** Checks a request completely, then starts provisioning. */
    @Transactional
    public Provisioning provision(CreateVdb request) {
        return provision(request, null);
    }

    /**
     * Checks a request completely, then starts provisioning a virtual database for a Kubernetes resource
     * ({@code namespace/name}), or for a REST caller ({@code null}).
     */
    @Transactional
    public Provisioning provision(CreateVdb request, String managedBy) {
        if (nameTaken(request.name())) {
            throw ApiException.conflict("A virtual database named " + request.name() + " exists already; choose "
                    + "another name or delete it first.");
        }
        requireOneOrigin(request.from());
        EnvironmentRef environment = target(request.target());
        boolean inPod = environment.kind() == EnvironmentKind.KUBERNETES;
        if (inPod) {
            requirePodable(request);
        }
        Origin origin = origins.forProvision(request.from());
        if (inPod && origin.recoveryTime() != null) {
            throw ApiException.badRequest("from.bookmark", "This bookmark is a point in time, which replays the "
                    + "source's kept log on the storage node; a virtual database in a pod starts from a snapshot.");
        }
        requireMayUse(origin.parent(), "Provisioning from");
        requireLogReachable(origin, environment);
        Map<String, String> metadata = origin.snapshot().metadata;
        EnginePlugin plugin = contexts.plugin(metadata.getOrDefault(SnapshotMetadata.ENGINE.key(), "files"));
        Map<String, Object> parameters = parameters(plugin, request.parameters());
        Map<String, String> hooks = hooks(request.hooks());
        int port = inPod
                ? podPort(request, plugin.virtual().pod(request.name(), parameters, metadata))
                : port(request
                        .port(), environment);
        Vdb vdb = newVdb(request.name(), plugin.name(), origin, environment, port);
        vdb.databaseName = SnapshotMetadata.DATABASE.in(metadata);
        vdb.databaseUser = parameters.get("user") instanceof String user ? user : SnapshotMetadata.USER.in(metadata);
        vdb.parameters = parameters;
        vdb.hooks = hooks;
        vdb.owner = caller.username();
        vdb.managedBy = managedBy;
        vdb.persist();
        secrets.put(vdb.secretRef, Map.of("password", Passwords.generate()));
        Job job = operations.start(VdbOperation.PROVISION, vdb.id, VdbWork.clone(origin.snapshot().id, Ids.next(
                "vdb"), origin.recoveryTime()), null);
        return new Provisioning(vdb, job);
    }

    /** The port of a virtual database's Service in its namespace: the requested one, or its engine's. */
    private static int podPort(CreateVdb request, EnginePod pod) {
        if (request.port() != null) {
            return request.port();
        }
        return pod == null ? 0 : pod.port();
    }

    /** Whether a virtual database that is not deleted has this name already. */
    static boolean nameTaken(String name) {
        return Vdb.count("name = ?1 and status <> ?2", name, Vdb.Status.DELETED) > 0;
    }

    private Vdb newVdb(String name, String engine, Origin origin, EnvironmentRef environment, int port) {
        Vdb vdb = new Vdb();
        vdb.id = Ids.next("vdb");
        vdb.name = name;
        vdb.engine = engine;
        vdb.status = Vdb.Status.PROVISIONING;
        vdb.parent = origin.parent();
        vdb.snapshotId = origin.snapshot().id;
        vdb.recoveryTime = origin.recoveryTime();
        vdb.environmentId = environment.id();
        vdb.workPath = contexts.workPath(vdb.id);
        vdb.port = port;
        vdb.secretRef = vdb.id;
        vdb.createdAt = Instant.now();
        return vdb;
    }

    private static void requireOneOrigin(CreateVdb.From from) {
        if (from.bookmark() != null && (from.snapshot() != null || from.timestamp() != null)) {
            throw ApiException.badRequest("from.bookmark", "A bookmark is a point already; give from.bookmark "
                    + "(with from.dataset to choose one of its datasets) without snapshot or timestamp.");
        }
        if (from.snapshot() != null && from.dataset() != null) {
            throw ApiException.badRequest("from", "Give either from.snapshot or from.dataset, not both.");
        }
        if (from.snapshot() != null && from.timestamp() != null) {
            throw ApiException.badRequest("from.timestamp", "A timestamp goes with from.dataset, not with a "
                    + "snapshot.");
        }
        if (from.bookmark() == null && from.snapshot() == null && from.dataset() == null) {
            throw ApiException.badRequest("from", "from needs dataset, snapshot or bookmark.");
        }
    }

    private EnvironmentRef target(CreateVdb.Target target) {
        if (target != null && target.kubernetes() != null) {
            return kubernetesTarget(target);
        }
        String environmentId = target == null || target.environment() == null
                ? VdbContexts.LOCAL
                : target.environment();
        EnvironmentRef environment = contexts.environment(environmentId);
        if (environment == null) {
            throw ApiException.badRequest("target.environment", "target.environment '" + environmentId + "' is not a "
                    + "registered environment; GET /environments lists them.");
        }
        return environment;
    }

    /** A namespace whose virtual databases run in pods of their own (a Kubernetes environment's namespace too). */
    private EnvironmentRef kubernetesTarget(CreateVdb.Target target) {
        if (target.environment() != null) {
            throw ApiException.badRequest("target", "Give target.environment or target.kubernetes, not both.");
        }
        Set<String> unknown = new HashSet<>(target.kubernetes().keySet());
        unknown.remove("namespace");
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("target.kubernetes." + unknown.iterator().next(), "target.kubernetes takes "
                    + "namespace only.");
        }
        if (!(target.kubernetes().get("namespace") instanceof String namespace) || !namespace.matches(
                NAMESPACE_PATTERN)) {
            throw ApiException.badRequest("target.kubernetes.namespace", "target.kubernetes.namespace must name a "
                    + "namespace: 1 to 63 lower-case letters, digits or '-', starting and ending with a letter or "
                    + "digit.");
        }
        return contexts.environment(VdbContexts.KUBERNETES_PREFIX + namespace);
    }

    /**
     * What a virtual database in a pod cannot have: hooks (they run on a host, and a pod's engine has none of its
     * own to run them on) and a point in time (the kept WAL it replays is on the storage node, not in the pod).
     */
    private static void requirePodable(CreateVdb request) {
        if (request.hooks() != null && !request.hooks().isEmpty()) {
            throw ApiException.badRequest("hooks", "A virtual database in a pod runs no hooks: they run on a host. "
                    + "Leave hooks out, or use an environment.");
        }
        if (request.from().timestamp() != null) {
            throw ApiException.badRequest("from.timestamp", "A virtual database in a pod starts from a snapshot or "
                    + "a bookmark; a point in time replays the source's kept log, which stays on the storage node. "
                    + "Give from.snapshot, or from.dataset without timestamp.");
        }
    }

    private static void requireLogReachable(Origin origin, EnvironmentRef environment) {
        if (origin.recoveryTime() == null) {
            return;
        }
        KnownWindow window = KnownWindow.findById(origin.parent());
        if (window.environment != null && !window.environment.equals(environment.id())) {
            throw ApiException.badRequest("target.environment", "The kept log of " + origin.parent() + " is on "
                    + window.environment + "; a point in time can be provisioned there only, for now.");
        }
    }

    /** The engine's virtual parameters: the requested ones (none: the defaults), checked; 400 otherwise. */
    static Map<String, Object> parameters(EnginePlugin plugin, Map<String, Object> requested) {
        Map<String, Object> parameters = requested == null ? new LinkedHashMap<>() : new LinkedHashMap<>(requested);
        List<ParameterSchema.FieldError> errors = plugin.virtualParameters().validate(parameters);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("parameters." + errors.get(0).field(), String.join("; ", errors.stream()
                    .map(ParameterSchema.FieldError::message).toList()) + ".");
        }
        return parameters;
    }

    private static Map<String, String> hooks(Map<String, String> requested) {
        Map<String, String> hooks = requested == null ? Map.of() : requested;
        for (String hook : hooks.keySet()) {
            if (VdbHook.named(hook) == null) {
                throw ApiException.badRequest("hooks." + hook, "Unknown hook " + hook + "; hooks are "
                        + VdbHook.names() + ".");
            }
        }
        return new LinkedHashMap<>(hooks);
    }

    /** Refresh to the parent's newest snapshot, or to a given one of it, or to a bookmark on it. */
    @Transactional
    public Job refresh(String id, PointRequest request) {
        Vdb vdb = requireReplaceable(id, "refreshed");
        request.requireOnePoint(false);
        requireMayUse(vdb.parent, "Refreshing from");
        Origin origin = origins.forRefresh(vdb, request.snapshot(), request.bookmark());
        return operations.start(VdbOperation.REFRESH, vdb.id, VdbWork.clone(origin.snapshot().id, Ids.next("vdb"),
                null), null);
    }

    /**
     * Moves a virtual database to another point of the dataset it follows, as a changed {@code spec.from} of its
     * VirtualDatabase asks: the newest snapshot of that dataset, one of its snapshots, or a bookmark on it — a
     * refresh. Another dataset or a time is refused: those need a virtual database of their own.
     */
    @Transactional
    public Job moveTo(String id, CreateVdb.From from) {
        requireOneOrigin(from);
        if (from.timestamp() != null) {
            throw ApiException.badRequest("from.timestamp", "An existing virtual database does not move to a point "
                    + "in time of its dataset (only a rewind of its own timeline does); delete it and make it again.");
        }
        Vdb vdb = require(id);
        if (from.dataset() != null && !VdbOrigins.datasetId(from.dataset()).equals(vdb.parent)) {
            throw ApiException.badRequest("from.dataset", "Virtual database " + vdb.name + " follows dataset "
                    + vdb.parent + " and cannot move to " + from.dataset() + "; delete it and make it again.");
        }
        return refresh(id, new PointRequest(from.snapshot(), from.bookmark(), null));
    }

    /** Rewind to one of its own snapshots, a bookmark on its own timeline, or a time of its current life. */
    @Transactional
    public Job rewind(String id, PointRequest request) {
        Vdb vdb = requireReplaceable(id, "rewound");
        request.requireOnePoint(true);
        if (request.timestamp() != null && kubernetes.onKubernetes(vdb)) {
            throw ApiException.badRequest("timestamp", "Virtual database " + vdb.name + " runs in a pod and keeps no "
                    + "log of its own to rewind to a time; rewind it to a snapshot or a bookmark.");
        }
        Origin origin = origins.forRewind(vdb, request.snapshot(), request.bookmark(), request.timestamp());
        return operations.start(VdbOperation.REWIND, vdb.id, VdbWork.clone(origin.snapshot().id, Ids.next("vdb"),
                origin.recoveryTime()), null);
    }

    private Vdb requireReplaceable(String id, String what) {
        Vdb vdb = requireIdle(id);
        if (vdb.status != Vdb.Status.RUNNING && vdb.status != Vdb.Status.STOPPED && vdb.status != Vdb.Status.FAILED
                || vdb.released) {
            throw ApiException.conflict("Virtual database " + vdb.name + " is " + vdb.status + "; it cannot be "
                    + what + ".");
        }
        return vdb;
    }

    /** Takes a snapshot of the virtual database onto its own timeline. */
    @Transactional
    public Job snapshot(String id) {
        return snapshot(id, Ids.next("snap"));
    }

    /** Snapshots a virtual database's clone onto its timeline under the given snapshot id. */
    @Transactional
    public Job snapshot(String id, String snapshotId) {
        Vdb vdb = requireIdle(id);
        if (vdb.released || vdb.volumeId == null) {
            throw ApiException.conflict("Virtual database " + vdb.name + " has no clone to snapshot (" + vdb.status
                    + ").");
        }
        return operations.start(VdbOperation.SNAPSHOT, vdb.id, VdbWork.snapshot(snapshotId, vdb.volumeId),
                null);
    }

    /** Stops or starts the engine. */
    @Transactional
    public Job stopOrStart(String id, boolean start) {
        Vdb vdb = requireIdle(id);
        if (vdb.released) {
            throw ApiException.conflict("Virtual database " + vdb.name + " is " + vdb.status + ".");
        }
        if (start && vdb.status == Vdb.Status.RUNNING || !start && vdb.status == Vdb.Status.STOPPED) {
            throw ApiException.conflict("Virtual database " + vdb.name + " is already " + vdb.status + ".");
        }
        return operations.start(start ? VdbOperation.START : VdbOperation.STOP, vdb.id, VdbWork.engine(false),
                null);
    }

    /** Deletes a virtual database: engine stopped, clone detached and given back, its unused snapshots too. */
    @Transactional
    public Job delete(String id) {
        Vdb vdb = requireIdle(id);
        caller.requireMayDeleteManaged("Virtual database " + vdb.name, vdb.managedBy, "VirtualDatabase",
                "virtualdatabase");
        boolean released = vdb.released;
        vdb.status = Vdb.Status.DELETING;
        return operations.start(VdbOperation.DELETE, vdb.id, VdbWork.engine(released), null);
    }

    /**
     * A virtual database (by id or name) the caller may see, or 404: admins and readers see all, owners their own
     * (another user's is as good as absent to them).
     */
    @Transactional
    public Vdb require(String id) {
        Vdb vdb = Vdb.findById(id);
        if (vdb == null || vdb.status == Vdb.Status.DELETED) {
            vdb = Vdb.find("name = ?1 and status <> ?2", id, Vdb.Status.DELETED).firstResult();
        }
        if (vdb == null || !maySee(vdb)) {
            throw ApiException.notFound("virtual database", id);
        }
        return vdb;
    }

    private boolean maySee(Vdb vdb) {
        return caller.isAdmin() || caller.roles().contains(Role.READER) || caller.isOwnerOrAdmin(vdb.owner);
    }

    /**
     * Refuses (403) a non-admin the data of a sensitive source: the dataset itself, or a virtual database made from
     * it, however many steps up. Masked datasets are the way for everyone else.
     */
    private void requireMayUse(String dataset, String what) {
        if (caller.isAdmin()) {
            return;
        }
        List<String> lineage = Vdb.lineage(dataset);
        if (lineage.isEmpty()) {
            return;
        }
        String root = lineage.get(lineage.size() - 1);
        KnownSource source = KnownSource.findById(root);
        if (source != null && source.sensitive) {
            caller.requireAdmin(what + " sensitive source '" + source.name + "'" + (root.equals(dataset)
                    ? ""
                    : " (through " + dataset + ")") + " (provision from one of its masked datasets instead)");
        }
    }

    private Vdb requireIdle(String id) {
        Vdb vdb = requireUsers(id);
        if (vdb.inPod()) {
            // The catalog service keeps the pod's virtual databases on the same points; a change here would part them.
            throw ApiException.conflict("Virtual database " + vdb.name + " belongs to data pod " + vdb.pod + "; it is "
                    + "changed (refreshed, rewound, bookmarked, deleted) with its pod, through /api/v1/datapods/"
                    + vdb.pod + ".");
        }
        OperationStep running = OperationStep.ofResource(vdb.id);
        if (running != null || vdb.status == Vdb.Status.DELETING || vdb.status == Vdb.Status.PROVISIONING) {
            throw ApiException.conflict("Virtual database " + vdb.name + " is busy (" + (running != null
                    ? "job " + running.jobId
                    : vdb.status) + "); wait for it to finish.");
        }
        return vdb;
    }

    /**
     * A user's virtual database (by id or name); 404, or 409 for a working one: its owner (the masking service) alone
     * changes it, and deletes it when it no longer needs it.
     */
    private Vdb requireUsers(String id) {
        Vdb vdb = require(id);
        if (!caller.isOwnerOrAdmin(vdb.owner)) {
            throw ApiException.forbidden("Virtual database " + vdb.name + " belongs to " + (vdb.owner != null
                    ? "user '" + vdb.owner + "'"
                    : "no user (it predates users)") + "; only its owner or an admin may change it or read its "
                    + "credentials, and user '" + caller.username() + "' is neither.");
        }
        if (vdb.working()) {
            throw ApiException.conflict("Virtual database " + vdb.name + " is a working copy of the masking "
                    + "service (purpose: " + vdb.purpose + "); only that service changes or deletes it. It is deleted "
                    + "when its job ends or, kept under a masked dataset's newest snapshot, with that masked dataset.");
        }
        return vdb;
    }

    /**
     * Every virtual database that is not deleted the caller may see (owners: their own); working ones too with
     * {@code all}, for admins.
     */
    public List<VdbView> list(boolean all) {
        if (caller.isAdmin() || caller.roles().contains(Role.READER)) {
            return views.list(all && caller.isAdmin());
        }
        return views.listOwnedBy(caller.username());
    }

    /** The virtual database made for a Kubernetes resource ({@code namespace/name}) and not deleted, if any. */
    @Transactional
    public Optional<VdbView> managedBy(String resource) {
        return Vdb.<Vdb>find("managedBy = ?1 and status <> ?2", resource, Vdb.Status.DELETED).firstResultOptional()
                .map(views::view);
    }

    /** The API view. */
    @Transactional
    public VdbView view(String id) {
        return views.view(require(id));
    }

    /** The user and password of its database. */
    @Transactional
    public Map<String, String> credentials(String id) {
        Vdb vdb = requireUsers(id);
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("user", vdb.databaseUser);
        credentials.put("password", secrets.get(vdb.secretRef).get("password"));
        return credentials;
    }

    /**
     * A virtual database another service commands (a working one, a data pod's), on this host and waiting for its
     * snapshot, with what every such one has; not stored yet: the caller adds its own fields, then {@link #store}.
     *
     * @throws ApiException when no port is free
     */
    Vdb commanded(String vdbId, String name, String snapshotId, String replyTo) {
        Vdb vdb = new Vdb();
        vdb.id = vdbId;
        vdb.name = name;
        vdb.engine = NOT_KNOWN_YET;
        vdb.status = Vdb.Status.PROVISIONING;
        vdb.snapshotId = snapshotId;
        vdb.environmentId = VdbContexts.LOCAL;
        vdb.workPath = contexts.workPath(vdb.id);
        vdb.port = port(null, contexts.environment(VdbContexts.LOCAL));
        vdb.parameters = new LinkedHashMap<>();
        vdb.hooks = Map.of();
        vdb.secretRef = vdb.id;
        vdb.replyTo = replyTo;
        vdb.createdAt = Instant.now();
        return vdb;
    }

    /** Stores a commanded virtual database with a new password for its database user. */
    void store(Vdb vdb) {
        vdb.persist();
        secrets.put(vdb.secretRef, Map.of("password", Passwords.generate()));
    }

    /** A free port on the environment: the one requested, or one of strata.provisioning.ports. */
    int port(Integer requested, EnvironmentRef environment) {
        String scope = "vdbs:" + environment.id();
        Supplier<Set<Integer>> taken = () -> new HashSet<>(Vdb.<Vdb>list("environmentId = ?1 and released = false",
                environment.id()).stream().map(v -> v.port).toList());
        boolean local = environment.kind() == EnvironmentKind.LOCAL;
        if (requested != null) {
            if (local && !PortAllocator.freeHere(requested) || !ports.claim(scope, requested, taken)) {
                throw ApiException.conflict("Port " + requested + " is already in use on " + environment.id()
                        + "; choose another port or leave it out.");
            }
            return requested;
        }
        PortAllocator range = new PortAllocator(config.ports());
        int port = ports.pick(scope, range, taken, candidate -> !local || PortAllocator.freeHere(candidate));
        if (port < 0) {
            throw ApiException.unavailable("No free port in " + config.ports() + " on " + environment.id()
                    + "; widen strata.provisioning.ports or delete virtual databases.");
        }
        return port;
    }
}
