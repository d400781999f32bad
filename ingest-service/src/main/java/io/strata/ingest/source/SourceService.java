package io.strata.ingest.source;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.strata.common.errors.ApiException;
import io.strata.common.jobs.Job;
import io.strata.common.net.PortAllocator;
import io.strata.common.net.PortReservations;
import io.strata.common.operations.OperationMachine;
import io.strata.common.operations.OperationStep;
import io.strata.common.secrets.SecretStore;
import io.strata.common.security.Caller;
import io.strata.common.util.Ids;
import io.strata.contracts.ingest.SourceView;
import io.strata.engine.EnginePlugin;
import io.strata.engine.LinkedSource;
import io.strata.engine.ParameterSchema;
import io.strata.engine.Staging;
import io.strata.engine.StagingPod;
import io.strata.engine.StagingStatus;
import io.strata.engine.UserError;
import io.strata.ingest.config.IngestConfig;
import io.strata.ingest.environment.DiscoveredRepository;
import io.strata.ingest.environment.Environment;
import io.strata.ingest.environment.EnvironmentService;
import io.strata.ingest.source.LinkValidator.CheckedLink;

/**
 * Linking, syncing, resyncing, disabling, enabling and deleting sources. A request is checked completely before
 * anything is made: the fields against the plugin's schema, the environments, and the source itself (the plugin
 * connects and checks privileges and settings), so bad input gets a 400 that says what to fix and leaves nothing
 * behind. Then the work proceeds as an operation on the step machine ({@link SourceOperations}), driven by the other
 * services' answers and by {@link SourceWorker}.
 */
@ApplicationScoped
public class SourceService {

    @Inject
    LinkValidator validator;

    @Inject
    PortReservations ports;

    @Inject
    EnvironmentService environments;

    @Inject
    SourceContexts contexts;

    @Inject
    SecretStore secrets;

    @Inject
    OperationMachine operations;

    @Inject
    IngestConfig config;

    @Inject
    SyncScheduler scheduler;

    @Inject
    SourceChanges changes;

    @Inject
    Caller caller;

    /** A new source and the job that links it. */
    public record Linking(Source source, Job job) {
    }

    /** Checks a link request completely (the source itself included), then starts linking. */
    public Linking link(LinkSource request, String requestedBy) {
        return link(request, requestedBy, null);
    }

    /**
     * Links a source for a Kubernetes resource ({@code namespace/name}), which it remembers; {@code null} for one
     * linked over REST.
     */
    public Linking link(LinkSource request, String requestedBy, String managedBy) {
        CheckedLink checked = QuarkusTransaction.requiringNew().call(() -> validator.check(request));
        Source source = QuarkusTransaction.requiringNew().call(() -> newSource(request.name(), checked));
        source.sensitive = Boolean.TRUE.equals(request.sensitive());
        source.managedBy = managedBy;
        try {
            LinkedSource linked = new LinkedSource(source.id, source.name, checked.parameters(), checked.secrets(),
                    environments.connect(checked.environment()));
            checked.plugin().linked().validateSource(linked, source.stagingNamespace == null
                    ? contexts.staging(source, null)
                    : contexts.client(source));
            if (source.stagingNamespace != null) {
                source.stagingPod = stagingPod(checked.plugin(), linked, contexts.client(source));
            }
        } catch (UserError e) {
            List<ParameterSchema.Parameter> parameters = checked.plugin().sourceParameters().parameters();
            throw ApiException.badRequest(parameters.isEmpty() ? null : parameters.get(0).name(), e.describe());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!checked.secrets().isEmpty()) {
                source.secretRef = source.id;
                secrets.put(source.id, checked.secrets());
            }
            source.state = Source.State.LINKING;
            source.persist();
            changes.announce(source);
            Job job = operations.start(SourceOperation.LINK, source.id, SourceWork.link(Ids.next("vol"),
                    newSnapshotId()), requestedBy);
            return new Linking(source, job);
        });
    }

    /** The staging pod the plugin describes, or a 400 when its engine cannot stage in one. */
    private static StagingPod stagingPod(EnginePlugin plugin, LinkedSource linked, Staging client) {
        StagingPod pod = plugin.linked().stagingPod(linked, client);
        if (pod == null) {
            throw ApiException.badRequest("staging.kubernetes", "The " + plugin.name() + " engine cannot keep its "
                    + "staging copy in a pod; stage it on a host environment (staging: {environment}).");
        }
        return pod;
    }

    /**
     * The source a checked request describes, not yet stored: its staging repository found and a port chosen, or
     * its staging namespace noted.
     */
    private Source newSource(String name, CheckedLink checked) {
        Source source = new Source();
        source.id = Ids.next("src");
        source.name = name;
        source.engine = checked.plugin().name();
        source.environmentId = checked.environment().id;
        if (checked.stagingNamespace() != null) {
            source.stagingNamespace = checked.stagingNamespace();
        } else {
            DiscoveredRepository repository = repository(checked.staging(), checked.plugin());
            source.stagingEnvironmentId = checked.staging().id;
            source.repositoryId = repository == null ? null : repository.id;
            source.stagingPort = freePort();
        }
        source.parameters = checked.parameters();
        source.syncCron = checked.cron();
        source.logSync = checked.logSync();
        source.workPath = contexts.workPath(source.id);
        source.createdAt = Instant.now();
        return source;
    }

    /**
     * Marks a source sensitive (only admins provision from it; everyone else from its masked datasets) or not, and
     * tells the other services.
     */
    @Transactional
    public SourceView setSensitive(String id, boolean sensitive) {
        Source source = requireLocked(id);
        if (source.sensitive != sensitive) {
            source.sensitive = sensitive;
            changes.announce(source);
            Log.infof("Source %s (%s) marked %s", source.name, source.id, sensitive ? "sensitive" : "not sensitive");
        }
        return view(source, false);
    }

    /**
     * Changes when a source syncs by itself (a five-field cron expression; {@code null}: never), checked as at link
     * time; the schedule follows at once.
     */
    public SourceView setSyncPolicy(String id, String expression) {
        String cron = expression == null ? null : LinkValidator.cron(expression);
        Source source = QuarkusTransaction.requiringNew().call(() -> {
            Source locked = requireLocked(id);
            locked.syncCron = cron;
            return locked;
        });
        scheduler.refresh(id);
        Log.infof("Source %s (%s) syncs %s", source.name, source.id, cron == null ? "on request only" : "at " + cron);
        return view(source, false);
    }

    /**
     * Starts a sync (a new snapshot of the staging copy) or, with {@code resync}, a fresh initial load, which a
     * disabled source may take too: its staging copy may be the reason it cannot be enabled.
     */
    @Transactional
    public Job sync(String id, boolean resync, String requestedBy) {
        Source source = requireLocked(id);
        requireIdle(source);
        if (source.state != Source.State.ACTIVE && !(resync && source.state == Source.State.DISABLED)) {
            throw ApiException.conflict("Source " + source.name + " is " + source.state + "; " + switch (source.state) {
                case DISABLED -> "enable it first (POST /sources/" + id + "/enable), or load it again (POST "
                        + "/sources/" + id + "/sync with {\"resync\": true}).";
                case FAILED -> "its link failed (" + source.error + "); delete it and link again.";
                default -> "wait until it is ACTIVE.";
            });
        }
        return resync
                ? operations.start(SourceOperation.RESYNC, id, SourceWork.resync(source, Ids.next("vol"),
                        newSnapshotId()), requestedBy)
                : operations.start(SourceOperation.SYNC, id, SourceWork.sync(source, newSnapshotId()), requestedBy);
    }

    /**
     * Starts stopping the staging copy; once it is stopped, syncs are refused until it is enabled again. Refused while
     * another operation runs on the source.
     */
    @Transactional
    public Job disable(String id, String requestedBy) {
        Source source = requireLocked(id);
        requireIdle(source);
        if (source.state != Source.State.ACTIVE) {
            throw ApiException.conflict("Source " + source.name + " is " + source.state
                    + "; only an ACTIVE source can be disabled.");
        }
        return operations.start(SourceOperation.DISABLE, id, SourceWork.staging(source), requestedBy);
    }

    /** Starts starting the staging copy again. Refused while another operation runs on the source. */
    @Transactional
    public Job enable(String id, String requestedBy) {
        Source source = requireLocked(id);
        requireIdle(source);
        if (source.state != Source.State.DISABLED) {
            throw ApiException.conflict("Source " + source.name + " is " + source.state
                    + "; only a DISABLED source can be enabled.");
        }
        return operations.start(SourceOperation.ENABLE, id, SourceWork.staging(source), requestedBy);
    }

    /** Starts deleting a source: staging stopped, slot dropped, volume detached and deleted, unused snapshots too. */
    @Transactional
    public Job delete(String id, String requestedBy) {
        return delete(id, false, requestedBy);
    }

    /**
     * Starts deleting a source, as {@link #delete(String, String)}; a delete that failed may be asked again, and with
     * {@code force} it goes on when the source cannot be reached (what linking left there stays, and the job says so).
     */
    @Transactional
    public Job delete(String id, boolean force, String requestedBy) {
        Source source = requireLocked(id);
        caller.requireMayDeleteManaged("Source " + source.name, source.managedBy, "Source", "source");
        requireNoOperation(source);
        source.state = Source.State.DELETING;
        changes.announce(source);
        return operations.start(SourceOperation.DELETE, id, SourceWork.delete(force), requestedBy);
    }

    /** A source, or 404. */
    public Source require(String id) {
        Source source = Source.findById(id);
        if (source == null) {
            throw ApiException.notFound("source", id);
        }
        return source;
    }

    /**
     * A source, locked until the transaction ends, or 404: of two requests that start an operation on it at once, the
     * second waits for the first to commit and then finds its operation running.
     */
    private Source requireLocked(String id) {
        Source source = Source.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (source == null) {
            throw ApiException.notFound("source", id);
        }
        return source;
    }

    /** The source linked for a Kubernetes resource ({@code namespace/name}), if there is one. */
    @Transactional
    public Optional<SourceView> managedBy(String resource) {
        return Source.<Source>find("managedBy", resource).firstResultOptional().map(source -> view(source, false));
    }

    /** Every source. */
    @Transactional
    public List<SourceView> list() {
        return Source.<Source>listAll(Sort.ascending("createdAt")).stream().map(s -> view(s, false)).toList();
    }

    /** One source, with its staging copy's state read live. */
    public SourceView view(String id) {
        Source source = QuarkusTransaction.requiringNew().call(() -> require(id));
        return view(source, true);
    }

    SourceView view(Source source, boolean live) {
        SourceView.Staging staging = new SourceView.Staging(null, null, null, null, null, source.stagingPath,
                source.stagingPort);
        if (live && (source.state == Source.State.ACTIVE || source.state == Source.State.DISABLED)) {
            try {
                StagingStatus status = contexts.plugin(source).linked().status(contexts.linked(source), contexts
                        .staging(source, source.stagingPath));
                staging = new SourceView.Staging(status.running(), status.lagBytes(), status.lagSeconds(), status
                        .lastReplay(), status.detail(), source.stagingPath, source.stagingPort);
            } catch (UserError e) {
                staging = new SourceView.Staging(null, null, null, null, e.describe(), source.stagingPath,
                        source.stagingPort);
            }
        }
        return new SourceView(source.id, source.name, source.engine, source.environmentId,
                source.stagingNamespace != null
                        ? StagingPods.environmentId(source.stagingNamespace)
                        : source.stagingEnvironmentId,
                source.state.name(), source.parameters,
                source.syncCron, scheduler.nextSync(source.id), source.logSync, source.lastSyncAt,
                source.lastSnapshotId, source.lastPosition,
                source.sizeBytes, source.snapshotCount, staging, source.error, source.createdAt, source.sensitive);
    }

    private static void requireIdle(Source source) {
        requireNoOperation(source);
        if (source.state == Source.State.DELETING) {
            throw ApiException.conflict("Source " + source.name + " is being deleted; a delete that failed may be "
                    + "asked again (DELETE /sources/" + source.id + ").");
        }
    }

    private static void requireNoOperation(Source source) {
        OperationStep running = OperationStep.ofResource(source.id);
        if (running != null) {
            throw ApiException.conflict("Source " + source.name + " has a " + running.kind.substring(running.kind
                    .indexOf('.') + 1) + " running (job " + running.jobId + "); wait for it to end (GET /jobs/"
                    + running.jobId + ").");
        }
    }

    private DiscoveredRepository repository(Environment staging, EnginePlugin plugin) {
        List<DiscoveredRepository> known = DiscoveredRepository.list("environmentId = ?1 and engine = ?2", Sort
                .descending("version"), staging.id, plugin.name());
        if (known.isEmpty()) {
            known = environments.discoverNow(staging, plugin);
        }
        return known.stream().max(java.util.Comparator.comparing(r -> versionKey(r.version))).orElse(null);
    }

    private static String versionKey(String version) {
        StringBuilder key = new StringBuilder();
        for (String part : (version == null ? "0" : version).split("\\.")) {
            key.append(String.format("%08d", part.matches("\\d+") ? Integer.parseInt(part) : 0));
        }
        return key.toString();
    }

    private int freePort() {
        int port = ports.pick("staging", new PortAllocator(config.staging().ports()), () -> new HashSet<>(Source
                .<Source>list("stagingPort is not null").stream().map(s -> s.stagingPort).toList()),
                PortAllocator::freeHere);
        if (port < 0) {
            throw ApiException.unavailable("No free staging port in " + config.staging().ports()
                    + "; widen strata.ingest.staging.ports.");
        }
        return port;
    }

    static String newSnapshotId() {
        return Ids.next("snap");
    }
}
