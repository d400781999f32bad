package io.strata.provisioning.vdb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;
import io.strata.common.errors.ApiException;
import io.strata.common.events.EventPublisher;
import io.strata.common.jobs.Job;
import io.strata.common.jobs.JobRunner;
import io.strata.common.jobs.JobService;
import io.strata.common.secrets.SecretStore;
import io.strata.common.tx.AfterCommit;
import io.strata.contracts.catalog.BookmarkPoint;
import io.strata.contracts.ingest.EnvironmentRef;
import io.strata.contracts.provisioning.VdbView;
import io.strata.contracts.storage.CloneRequested;
import io.strata.contracts.storage.SnapshotRequested;
import io.strata.engine.EnginePlugin;
import io.strata.engine.ParameterSchema;
import io.strata.provisioning.config.ProvisioningConfig;
import io.strata.provisioning.known.KnownBookmark;
import io.strata.provisioning.known.KnownSnapshot;
import io.strata.provisioning.known.KnownWindow;

/**
 * The rules of virtual databases: every request is checked before anything is made (snapshot, dataset and window
 * exist, the port is free, the parameters fit the engine) and answered 4xx otherwise; accepted ones become jobs whose
 * steps follow the snapshot service's answers and {@link VdbWorker}.
 */
@ApplicationScoped
public class VdbService {

    static final Set<String> HOOKS = Set.of("preProvision", "postProvision", "preRefresh", "postRefresh",
            "preRewind", "postRewind", "preStart", "postStart", "preStop", "postStop", "preSnapshot",
            "postSnapshot");
    private static final String PASSWORD_CHARACTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    @Inject
    VdbContexts contexts;

    @Inject
    JobService jobs;

    @Inject
    JobRunner runner;

    @Inject
    EventPublisher events;

    @Inject
    SecretStore secrets;

    @Inject
    AfterCommit afterCommit;

    @Inject
    VdbWorker worker;

    @Inject
    ProvisioningConfig config;

    private final SecureRandom random = new SecureRandom();

    /** A new virtual database and the job that provisions it. */
    public record Provisioning(Vdb vdb, Job job) {
    }

    /** Checks a request completely, then starts provisioning. */
    @Transactional
    public Provisioning provision(CreateVdb request) {
        if (request == null) {
            throw ApiException.badRequest(null, "Send a JSON body: {name, from: {dataset | snapshot | bookmark | "
                    + "dataset + timestamp}, "
                    + "target: {environment}, port}.");
        }
        String name = request.name();
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
            throw ApiException.badRequest("name", "name is required: 1 to 63 lower-case letters, digits, '_' or '-'.");
        }
        if (Vdb.count("name = ?1 and status <> ?2", name, Vdb.Status.DELETED) > 0) {
            throw ApiException.conflict("A virtual database named " + name + " exists already; choose another name "
                    + "or delete it first.");
        }
        CreateVdb.From from = request.from();
        if (from == null) {
            throw ApiException.badRequest("from", "from is required: {dataset}, {snapshot}, {bookmark} or {dataset, "
                    + "timestamp}.");
        }
        if (from.bookmark() != null && (from.snapshot() != null || from.timestamp() != null)) {
            throw ApiException.badRequest("from.bookmark", "A bookmark is a point already; give from.bookmark "
                    + "(with from.dataset to choose one of its datasets) without snapshot or timestamp.");
        }
        if (from.snapshot() != null && from.dataset() != null) {
            throw ApiException.badRequest("from", "Give either from.snapshot or from.dataset, not both.");
        }
        KnownSnapshot snapshot;
        Instant recoveryTime = null;
        String parent;
        if (from.bookmark() != null) {
            snapshot = bookmarked(from.bookmark(), from.dataset(), "from.bookmark");
            parent = snapshot.dataset;
        } else if (from.snapshot() != null) {
            if (from.timestamp() != null) {
                throw ApiException.badRequest("from.timestamp", "A timestamp goes with from.dataset, not with a "
                        + "snapshot.");
            }
            snapshot = KnownSnapshot.findById(from.snapshot());
            if (snapshot == null || snapshot.deleted) {
                throw ApiException.notFound("snapshot", from.snapshot());
            }
            parent = snapshot.dataset;
        } else if (from.dataset() != null) {
            parent = from.dataset();
            if (KnownSnapshot.latestOf(parent) == null) {
                throw ApiException.notFound("dataset with snapshots", parent);
            }
            if (from.timestamp() != null) {
                KnownWindow window = KnownWindow.findById(parent);
                if (window == null) {
                    throw ApiException.badRequest("from.timestamp", "Dataset " + parent + " keeps no log, so no point "
                            + "in time can be provisioned; link the source with logSync: true, or provision a "
                            + "snapshot.");
                }
                if (from.timestamp().isBefore(window.from) || from.timestamp().isAfter(window.to)) {
                    throw ApiException.badRequest("from.timestamp", "from.timestamp " + from.timestamp() + " lies "
                            + "outside the window of dataset " + parent + ": from " + window.from + " to "
                            + window.to + ".");
                }
                snapshot = KnownSnapshot.latestAtOrBefore(parent, from.timestamp());
                if (snapshot == null) {
                    throw ApiException.badRequest("from.timestamp", "No snapshot of " + parent + " precedes "
                            + from.timestamp() + " to replay from.");
                }
                recoveryTime = from.timestamp();
            } else {
                snapshot = KnownSnapshot.latestOf(parent);
            }
        } else {
            throw ApiException.badRequest("from", "from needs dataset, snapshot or bookmark.");
        }

        CreateVdb.Target target = request.target();
        if (target != null && target.kubernetes() != null) {
            throw ApiException.badRequest("target.kubernetes", "Kubernetes targets come with the Kubernetes work; "
                    + "use target.environment.");
        }
        String environmentId = target == null || target.environment() == null
                ? VdbContexts.LOCAL
                : target
                        .environment();
        EnvironmentRef environment = contexts.environment(environmentId);
        if (environment == null) {
            throw ApiException.badRequest("target.environment", "target.environment '" + environmentId + "' is not a "
                    + "registered environment; GET /environments lists them.");
        }
        if ("kubernetes".equals(environment.kind())) {
            // The clone reaches the cluster as a claim (attachments do that), but the engine must run in a pod
            // that mounts it, which the pod of an existing environment does not.
            throw ApiException.badRequest("target.environment", "Environment " + environmentId + " is a Kubernetes "
                    + "pod; a virtual database there needs a pod of its own that mounts the clone's claim, which "
                    + "comes with the Kubernetes resources. Use a local or ssh environment.");
        }
        if (recoveryTime != null) {
            KnownWindow window = KnownWindow.findById(parent);
            if (window.environment != null && !window.environment.equals(environment.id())) {
                throw ApiException.badRequest("target.environment", "The kept log of " + parent + " is on "
                        + window.environment + "; a point in time can be provisioned there only, for now.");
            }
        }

        Map<String, String> metadata = contexts.metadata(snapshot.metadata);
        String engine = metadata.getOrDefault("engine", "files");
        EnginePlugin plugin = contexts.plugin(engine);
        Map<String, Object> parameters = request.parameters() == null
                ? new LinkedHashMap<>()
                : new LinkedHashMap<>(request.parameters());
        List<ParameterSchema.FieldError> errors = plugin.virtualParameters().validate(parameters);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("parameters." + errors.get(0).field(), String.join("; ", errors.stream()
                    .map(ParameterSchema.FieldError::message).toList()) + ".");
        }
        Map<String, String> hooks = request.hooks() == null ? Map.of() : request.hooks();
        for (String hook : hooks.keySet()) {
            if (!HOOKS.contains(hook)) {
                throw ApiException.badRequest("hooks." + hook, "Unknown hook " + hook + "; hooks are " + HOOKS + ".");
            }
        }
        int port = port(request.port(), environment);

        Vdb vdb = new Vdb();
        vdb.id = "vdb-" + UUID.randomUUID().toString().substring(0, 13);
        vdb.name = name;
        vdb.engine = engine;
        vdb.status = Vdb.Status.PROVISIONING;
        vdb.parent = parent;
        vdb.snapshotId = snapshot.id;
        vdb.recoveryTime = recoveryTime;
        vdb.environmentId = environment.id();
        vdb.workPath = contexts.workPath(vdb.id);
        vdb.port = port;
        vdb.databaseName = metadata.get("database");
        vdb.databaseUser = parameters.get("user") instanceof String user ? user : metadata.get("user");
        vdb.parameters = contexts.json(parameters);
        vdb.hooks = contexts.json(hooks);
        vdb.secretRef = vdb.id;
        vdb.createdAt = Instant.now();
        vdb.persist();
        secrets.put(vdb.secretRef, Map.of("password", password()));
        Job job = jobs.create("vdb.provision", vdb.id, null);
        VdbStep step = new VdbStep();
        step.vdbId = vdb.id;
        step.jobId = job.id;
        step.operation = VdbStep.Operation.PROVISION;
        step.snapshotId = snapshot.id;
        step.recoveryTime = recoveryTime;
        step.createdAt = Instant.now();
        requestClone(step, vdb);
        return new Provisioning(vdb, job);
    }

    /** Persists the CLONE step and asks for the clone. */
    void requestClone(VdbStep from, Vdb vdb) {
        VdbStep clone = from.next(VdbStep.Step.CLONE);
        clone.volumeId = "vdb-" + UUID.randomUUID().toString().substring(0, 13);
        if (from.isPersistent()) {
            from.delete();
        }
        clone.persist();
        jobs.progress(from.jobId, 10, "cloning snapshot " + clone.snapshotId);
        events.publish(new CloneRequested(clone.requestId, clone.snapshotId, clone.volumeId, vdb.id, null));
    }

    /**
     * Refresh (to the parent's newest snapshot, or a given one of it, or a bookmark on it) or rewind (to one of its
     * own snapshots, a bookmark on its own timeline, or a time of its current life).
     */
    @Transactional
    public Job replace(String id, String snapshotId, String bookmarkId, boolean rewind, Instant timestamp) {
        Vdb vdb = requireIdle(id);
        if (vdb.status != Vdb.Status.RUNNING && vdb.status != Vdb.Status.STOPPED && vdb.status != Vdb.Status.FAILED
                || vdb.released) {
            throw ApiException.conflict("Virtual database " + vdb.name + " is " + vdb.status + "; it cannot be "
                    + (rewind ? "rewound" : "refreshed") + ".");
        }
        if (bookmarkId != null) {
            if (snapshotId != null || timestamp != null) {
                throw ApiException.badRequest("bookmark", "Give one of snapshot, bookmark or timestamp.");
            }
            snapshotId = bookmarked(bookmarkId, rewind ? vdb.id : vdb.parent, "bookmark").id;
        }
        KnownSnapshot snapshot;
        if (rewind && timestamp != null) {
            if (snapshotId != null) {
                throw ApiException.badRequest("snapshot", "Give snapshot or timestamp, not both.");
            }
            snapshot = rewindBase(vdb, timestamp);
        } else if (rewind) {
            if (snapshotId == null) {
                throw ApiException.badRequest("snapshot", "snapshot or timestamp is required: one of this virtual "
                        + "database's own snapshots (GET /datasets/" + id + "/snapshots), or a moment since its last "
                        + "provision, refresh or rewind.");
            }
            snapshot = KnownSnapshot.findById(snapshotId);
            if (snapshot == null || snapshot.deleted) {
                throw ApiException.notFound("snapshot", snapshotId);
            }
            if (!snapshot.dataset.equals(vdb.id)) {
                throw ApiException.badRequest("snapshot", "Snapshot " + snapshotId + " is not on this virtual "
                        + "database's timeline (it belongs to " + snapshot.dataset + "); refresh to take the "
                        + "parent's data.");
            }
        } else if (snapshotId != null) {
            snapshot = KnownSnapshot.findById(snapshotId);
            if (snapshot == null || snapshot.deleted) {
                throw ApiException.notFound("snapshot", snapshotId);
            }
            if (!snapshot.dataset.equals(vdb.parent)) {
                throw ApiException.badRequest("snapshot", "Snapshot " + snapshotId + " is not a snapshot of "
                        + vdb.parent + ", the parent of this virtual database.");
            }
        } else {
            snapshot = KnownSnapshot.latestOf(vdb.parent);
        }
        Job job = jobs.create(rewind ? "vdb.rewind" : "vdb.refresh", id, null);
        VdbStep step = new VdbStep();
        step.requestId = job.id + "-prepare";
        step.vdbId = id;
        step.jobId = job.id;
        step.operation = rewind ? VdbStep.Operation.REWIND : VdbStep.Operation.REFRESH;
        step.step = VdbStep.Step.PREPARE;
        step.snapshotId = snapshot.id;
        step.recoveryTime = rewind ? timestamp : null;
        step.createdAt = Instant.now();
        step.persist();
        String requestId = step.requestId;
        afterCommit.run(() -> worker.submit(requestId));
        return job;
    }

    /**
     * The snapshot a bookmark stands at on a dataset's timeline; with no dataset, its only point. 404 for a bookmark
     * this service has not heard of (or not yet: it is announced once its snapshots are held), 400 for one that is
     * not on the dataset.
     */
    private KnownSnapshot bookmarked(String bookmarkId, String dataset, String field) {
        KnownBookmark bookmark = KnownBookmark.byIdOrName(bookmarkId);
        if (bookmark == null) {
            throw ApiException.notFound("bookmark", bookmarkId);
        }
        List<BookmarkPoint> points = contexts.points(bookmark.points);
        List<String> datasets = points.stream().map(BookmarkPoint::dataset).toList();
        BookmarkPoint point;
        if (dataset == null) {
            if (points.size() != 1) {
                throw ApiException.badRequest("from.dataset", "Bookmark " + bookmark.name + " stands on " + datasets
                        + "; give from.dataset to choose one.");
            }
            point = points.get(0);
        } else {
            point = points.stream().filter(p -> p.dataset().equals(dataset)).findFirst().orElseThrow(
                    () -> ApiException.badRequest(field, "Bookmark " + bookmark.name + " is not on the timeline of "
                            + dataset + "; it stands on " + datasets + "."));
        }
        KnownSnapshot snapshot = KnownSnapshot.findById(point.snapshot());
        if (snapshot == null || snapshot.deleted) {
            throw ApiException.notFound("snapshot of bookmark " + bookmark.name, point.snapshot());
        }
        return snapshot;
    }

    /**
     * The snapshot a rewind to {@code time} starts from: the newest of the virtual database's own snapshots taken in
     * its current life at or before that time, or the snapshot the life started from; the life's own log then
     * replays up to the time. Times outside the current life are refused with the window.
     */
    private KnownSnapshot rewindBase(Vdb vdb, Instant time) {
        Instant now = Instant.now();
        if (vdb.life == 0 || vdb.lifeStartedAt == null) {
            throw ApiException.badRequest("timestamp", "Virtual database " + vdb.name + " keeps no log yet (it was "
                    + "made before Strata kept one); refresh or rewind it to a snapshot once, then times after that "
                    + "can be rewound to.");
        }
        if (time.isBefore(vdb.lifeStartedAt) || time.isAfter(now)) {
            throw ApiException.badRequest("timestamp", "timestamp " + time + " is outside the window of "
                    + vdb.name + "'s kept log, {from: " + vdb.lifeStartedAt + ", to: " + now + "} (the log starts "
                    + "again at each refresh and rewind); for earlier data rewind to a snapshot.");
        }
        KnownSnapshot own = KnownSnapshot.find("dataset = ?1 and deleted = false and createdAt >= ?2 and "
                + "createdAt <= ?3", Sort.descending("createdAt"), vdb.id, vdb.lifeStartedAt, time).firstResult();
        if (own != null) {
            return own;
        }
        if (vdb.recoveryTime != null) {
            // The life began with a recovery whose log is not kept with it.
            throw ApiException.badRequest("timestamp", vdb.name + " was recovered to " + vdb.recoveryTime
                    + " when its current life began; take a snapshot (POST /vdbs/" + vdb.id + "/snapshot) and "
                    + "times after it can be rewound to.");
        }
        KnownSnapshot start = KnownSnapshot.findById(vdb.snapshotId);
        if (start == null || start.deleted) {
            throw ApiException.conflict("The snapshot " + vdb.snapshotId + " that " + vdb.name + "'s life started "
                    + "from is gone; take a snapshot and rewind to times after it.");
        }
        return start;
    }

    /** Takes a snapshot of the virtual database onto its own timeline. */
    @Transactional
    public Job snapshot(String id) {
        Vdb vdb = requireIdle(id);
        if (vdb.released || vdb.volumeId == null) {
            throw ApiException.conflict("Virtual database " + vdb.name + " has no clone to snapshot (" + vdb.status
                    + ").");
        }
        Job job = jobs.create("vdb.snapshot", id, null);
        VdbStep step = new VdbStep();
        step.requestId = job.id + "-snapshot";
        step.vdbId = id;
        step.jobId = job.id;
        step.operation = VdbStep.Operation.SNAPSHOT;
        step.step = VdbStep.Step.SNAPSHOT;
        step.snapshotId = "snap-" + UUID.randomUUID().toString().substring(0, 13);
        step.volumeId = vdb.volumeId;
        step.createdAt = Instant.now();
        step.persist();
        String requestId = step.requestId;
        String vdbId = vdb.id;
        afterCommit.run(() -> worker.runHook(vdbId, "preSnapshot", () -> {
            worker.flush(vdbId);
            snapshotRequest(requestId);
        }));
        return job;
    }

    @Transactional
    void snapshotRequest(String requestId) {
        VdbStep step = VdbStep.findById(requestId);
        if (step != null) {
            events.publish(new SnapshotRequested(step.requestId, step.volumeId, step.snapshotId, null, Instant.now(),
                    contexts.snapshotMetadata(Vdb.findById(step.vdbId))));
        }
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
        return runner.submit(start ? "vdb.start" : "vdb.stop", id, null, context -> start
                ? worker.start(id)
                : worker.stop(id));
    }

    /** Deletes a virtual database: engine stopped, clone detached and given back, its unused snapshots too. */
    @Transactional
    public Job delete(String id) {
        Vdb vdb = requireIdle(id);
        boolean wasReleased = vdb.released;
        vdb.status = Vdb.Status.DELETING;
        return runner.submit("vdb.delete", id, null, context -> worker.delete(id, wasReleased));
    }

    /** A virtual database (by id or name), or 404. */
    @Transactional
    public Vdb require(String id) {
        Vdb vdb = Vdb.findById(id);
        if (vdb == null || vdb.status == Vdb.Status.DELETED) {
            Vdb byName = Vdb.find("name = ?1 and status <> ?2", id, Vdb.Status.DELETED).firstResult();
            if (byName == null) {
                throw ApiException.notFound("virtual database", id);
            }
            return byName;
        }
        return vdb;
    }

    private Vdb requireIdle(String id) {
        Vdb vdb = require(id);
        VdbStep running = VdbStep.ofVdb(vdb.id);
        if (running != null || vdb.status == Vdb.Status.DELETING || vdb.status == Vdb.Status.PROVISIONING
                || !jobs.list(io.strata.contracts.jobs.JobState.RUNNING, vdb.id, 1).isEmpty()
                || !jobs.list(io.strata.contracts.jobs.JobState.PENDING, vdb.id, 1).isEmpty()) {
            throw ApiException.conflict("Virtual database " + vdb.name + " is busy (" + (running != null
                    ? "job "
                            + running.jobId
                    : vdb.status) + "); wait for it to finish.");
        }
        return vdb;
    }

    /** Every virtual database that is not deleted. */
    @Transactional
    public List<VdbView> list() {
        return Vdb.<Vdb>list("status <> ?1", Sort.ascending("createdAt"), Vdb.Status.DELETED).stream().map(
                this::view).toList();
    }

    /** The API view. */
    @Transactional
    public VdbView view(String id) {
        return view(require(id));
    }

    VdbView view(Vdb vdb) {
        EnvironmentRef environment = contexts.environment(vdb.environmentId);
        String host = environment == null || "local".equals(environment.kind())
                ? config.localAddress()
                : environment
                        .host();
        return new VdbView(vdb.id, vdb.name, vdb.engine, vdb.status.name(), new VdbView.Connection(host, vdb.port,
                vdb.databaseName, vdb.databaseUser, vdb.path), vdb.parent, vdb.snapshotId, vdb.recoveryTime,
                vdb.environmentId, contexts.parameters(vdb.parameters), vdb.error, vdb.createdAt);
    }

    /** The user and password of its database. */
    @Transactional
    public Map<String, String> credentials(String id) {
        Vdb vdb = require(id);
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("user", vdb.databaseUser);
        credentials.put("password", secrets.get(vdb.secretRef).get("password"));
        return credentials;
    }

    private int port(Integer requested, EnvironmentRef environment) {
        Set<Integer> taken = new HashSet<>(Vdb.<Vdb>list("environmentId = ?1 and released = false", environment.id())
                .stream().map(v -> v.port).toList());
        if (requested != null) {
            if (requested < 1024 || requested > 65535) {
                throw ApiException.badRequest("port", "port must be between 1024 and 65535, got " + requested + ".");
            }
            if (taken.contains(requested) || "local".equals(environment.kind()) && !portFree(requested)) {
                throw ApiException.conflict("Port " + requested + " is already in use on " + environment.id()
                        + "; choose another port or leave it out.");
            }
            return requested;
        }
        String[] range = config.ports().split("-");
        for (int port = Integer.parseInt(range[0].strip()); port <= Integer.parseInt(range[1].strip()); port++) {
            if (!taken.contains(port) && (!"local".equals(environment.kind()) || portFree(port))) {
                return port;
            }
        }
        throw ApiException.unavailable("No free port in " + config.ports() + " on " + environment.id()
                + "; widen strata.provisioning.ports or delete virtual databases.");
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String password() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(PASSWORD_CHARACTERS.charAt(random.nextInt(PASSWORD_CHARACTERS.length())));
        }
        return password.toString();
    }
}
