package io.strata.ingest.source;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.strata.common.errors.ApiException;
import io.strata.common.jobs.Job;
import io.strata.common.operations.OperationMachine;
import io.strata.common.operations.OperationStep;
import io.strata.common.secrets.SecretStore;
import io.strata.common.util.Ids;
import io.strata.contracts.ingest.SourceView;
import io.strata.engine.EnginePlugin;
import io.strata.engine.LinkedSource;
import io.strata.engine.ParameterSchema;
import io.strata.engine.Staging;
import io.strata.engine.StagingStatus;
import io.strata.engine.UserError;
import io.strata.ingest.config.IngestConfig;
import io.strata.ingest.engine.Engines;
import io.strata.ingest.environment.DiscoveredRepository;
import io.strata.ingest.environment.Environment;
import io.strata.ingest.environment.EnvironmentService;

/**
 * Linking, syncing, resyncing, disabling, enabling and deleting sources. A request is checked completely before
 * anything is made: the fields against the plugin's schema, the environments, and the source itself (the plugin
 * connects and checks privileges and settings), so bad input gets a 400 that says what to fix and leaves nothing
 * behind. Then the work proceeds as a job whose steps are driven by the other services' answers (see
 * {@link SourceEvents}) and by {@link SourceWorker}.
 */
@ApplicationScoped
public class SourceService {

    private static final Set<String> REQUEST_FIELDS = Set.of("name", "engine", "environment", "staging",
            "syncPolicy");
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    @Inject
    Engines engines;

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

    /** A new source and the job that links it. */
    public record Linking(Source source, Job job) {
    }

    /** Checks a link request completely, then starts linking. */
    public Linking link(Map<String, Object> body, String requestedBy) {
        if (body == null) {
            throw ApiException.badRequest(null, "Send a JSON body: {name, engine, environment, connection | path, "
                    + "staging: {environment}, syncPolicy: {cron}, logSync}.");
        }
        String name = string(body, "name");
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
            throw ApiException.badRequest("name", "name is required: 1 to 63 letters, digits, '_', '.' or '-'.");
        }
        EnginePlugin plugin = engines.require(string(body, "engine"));
        Environment environment = environment(string(body, "environment"), "environment");
        Object stagingField = body.get("staging");
        String stagingId = stagingField instanceof Map<?, ?> staging && staging.get("environment") != null
                ? String
                        .valueOf(staging.get("environment"))
                : Environment.LOCAL_ID;
        Environment stagingEnvironment = environment(stagingId, "staging.environment");
        if ("kubernetes".equals(stagingEnvironment.kind)) {
            throw ApiException.badRequest("staging.environment", "Environment " + stagingEnvironment.name + " is a "
                    + "Kubernetes pod, which cannot mount the staging volume; staging there needs a pod of its own "
                    + "that mounts the volume's claim, which comes with the Kubernetes resources. Use a local or ssh "
                    + "environment for staging.");
        }
        String cron = null;
        if (body.get("syncPolicy") instanceof Map<?, ?> policy && policy.get("cron") != null) {
            cron = String.valueOf(policy.get("cron")).strip();
            try {
                CRON.parse(cron).validate();
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("syncPolicy.cron", "syncPolicy.cron '" + cron + "' is not a cron "
                        + "expression (five fields: minute hour day-of-month month day-of-week, e.g. '0 * * * *' "
                        + "for every hour): " + e.getMessage());
            }
        }
        boolean logSync = Boolean.TRUE.equals(body.get("logSync"));
        if (body.containsKey("logSync") && plugin.sourceParameters().parameters().stream().noneMatch(p -> p.name()
                .equals("logSync"))) {
            throw ApiException.badRequest("logSync", "The " + plugin.name() + " engine keeps no log to provision a "
                    + "point in time from; leave logSync out.");
        }

        Map<String, Object> parameters = new LinkedHashMap<>(body);
        REQUEST_FIELDS.forEach(parameters::remove);
        ParameterSchema schema = plugin.sourceParameters();
        List<ParameterSchema.FieldError> errors = schema.validate(parameters);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors.get(0).field(), String.join("; ", errors.stream().map(
                    ParameterSchema.FieldError::message).toList()) + ".");
        }
        Map<String, String> secretValues = extractSecrets(parameters, schema.secretPaths());

        if (Source.count("name", name) > 0) {
            throw ApiException.conflict("A source named " + name + " exists already; choose another name.");
        }
        String id = Ids.next("src");
        DiscoveredRepository repository = repository(stagingEnvironment, plugin);
        Source source = new Source();
        source.id = id;
        source.name = name;
        source.engine = plugin.name();
        source.environmentId = environment.id;
        source.stagingEnvironmentId = stagingEnvironment.id;
        source.repositoryId = repository == null ? null : repository.id;
        source.parameters = contexts.json(parameters);
        source.syncCron = cron;
        source.logSync = logSync;
        source.workPath = contexts.workPath(id);
        source.stagingPort = freePort();
        source.createdAt = Instant.now();

        LinkedSource linked = new LinkedSource(id, name, parameters, secretValues, environments.connect(environment));
        Staging staging = new Staging(environments.connect(stagingEnvironment), null, source.workPath,
                source.stagingPort, repository == null ? null : environments.toRepository(repository));
        try {
            plugin.linked().validateSource(linked, staging);
        } catch (UserError e) {
            throw ApiException.badRequest(schema.parameters().isEmpty() ? null : schema.parameters().get(0).name(),
                    e.describe());
        }

        return QuarkusTransaction.requiringNew().call(() -> {
            if (!secretValues.isEmpty()) {
                source.secretRef = id;
                secrets.put(id, secretValues);
            }
            source.state = Source.State.LINKING;
            source.persist();
            Job job = operations.start(SourceOperation.LINK, id, SourceWork.link(newVolumeId(), newSnapshotId()),
                    requestedBy);
            return new Linking(source, job);
        });
    }

    /** Starts a sync (a new snapshot of the staging copy) or, with {@code resync}, a fresh initial load. */
    @Transactional
    public Job sync(String id, boolean resync, String requestedBy) {
        Source source = require(id);
        requireIdle(source);
        if (source.state != Source.State.ACTIVE) {
            throw ApiException.conflict("Source " + source.name + " is " + source.state + "; " + switch (source.state) {
                case DISABLED -> "enable it first (POST /sources/" + id + "/enable).";
                case FAILED -> "its link failed (" + source.error + "); delete it and link again.";
                default -> "wait until it is ACTIVE.";
            });
        }
        return resync
                ? operations.start(SourceOperation.RESYNC, id, SourceWork.resync(source, newVolumeId(),
                        newSnapshotId()), requestedBy)
                : operations.start(SourceOperation.SYNC, id, SourceWork.sync(source, newSnapshotId()), requestedBy);
    }

    /** Stops the staging copy; syncs are refused until it is enabled again. */
    public SourceView disable(String id) {
        Source source = QuarkusTransaction.requiringNew().call(() -> {
            Source current = require(id);
            requireIdle(current);
            if (current.state != Source.State.ACTIVE) {
                throw ApiException.conflict("Source " + current.name + " is " + current.state
                        + "; only an ACTIVE source can be disabled.");
            }
            return current;
        });
        try {
            contexts.plugin(source).linked().stopStaging(contexts.linked(source), contexts.staging(source,
                    source.stagingPath));
        } catch (UserError e) {
            throw ApiException.unavailable(e.describe());
        }
        QuarkusTransaction.requiringNew().run(() -> require(id).state = Source.State.DISABLED);
        scheduler.refresh(id);
        return view(id);
    }

    /** Starts the staging copy again. */
    public SourceView enable(String id) {
        Source source = QuarkusTransaction.requiringNew().call(() -> {
            Source current = require(id);
            if (current.state != Source.State.DISABLED) {
                throw ApiException.conflict("Source " + current.name + " is " + current.state
                        + "; only a DISABLED source can be enabled.");
            }
            return current;
        });
        try {
            contexts.plugin(source).linked().startStaging(contexts.linked(source), contexts.staging(source,
                    source.stagingPath));
        } catch (UserError e) {
            throw ApiException.unavailable(e.describe());
        }
        QuarkusTransaction.requiringNew().run(() -> require(id).state = Source.State.ACTIVE);
        scheduler.refresh(id);
        return view(id);
    }

    /** Starts deleting a source: staging stopped, slot dropped, volume detached and deleted, unused snapshots too. */
    @Transactional
    public Job delete(String id, String requestedBy) {
        Source source = require(id);
        requireIdle(source);
        source.state = Source.State.DELETING;
        return operations.start(SourceOperation.DELETE, id, SourceWork.delete(), requestedBy);
    }

    /** A source, or 404. */
    public Source require(String id) {
        Source source = Source.findById(id);
        if (source == null) {
            throw ApiException.notFound("source", id);
        }
        return source;
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
                source.stagingEnvironmentId, source.state.name(), contexts.parameters(source.parameters),
                source.syncCron, scheduler.nextSync(source.id), source.logSync, source.lastSyncAt,
                source.lastSnapshotId, source.lastPosition,
                source.sizeBytes, source.snapshotCount, staging, source.error, source.createdAt);
    }

    private static void requireIdle(Source source) {
        OperationStep running = OperationStep.ofResource(source.id);
        if (running != null) {
            throw ApiException.conflict("Source " + source.name + " has a " + running.kind.substring(running.kind
                    .indexOf('.') + 1) + " running (job " + running.jobId + "); wait for it to end (GET /jobs/"
                    + running.jobId + ").");
        }
        if (source.state == Source.State.DELETING) {
            throw ApiException.conflict("Source " + source.name + " is being deleted.");
        }
    }

    private Environment environment(String id, String field) {
        String environmentId = id == null ? Environment.LOCAL_ID : id;
        Environment environment = Environment.findById(environmentId);
        if (environment == null) {
            Environment byName = Environment.find("name", environmentId).firstResult();
            if (byName == null) {
                throw ApiException.badRequest(field, field + " '" + environmentId + "' is not a registered "
                        + "environment; GET /environments lists them.");
            }
            return byName;
        }
        return environment;
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
        String[] range = config.staging().ports().split("-");
        int first = Integer.parseInt(range[0].strip());
        int last = Integer.parseInt(range[1].strip());
        Set<Integer> taken = new HashSet<>(Source.<Source>list("stagingPort is not null").stream().map(
                s -> s.stagingPort).toList());
        for (int port = first; port <= last; port++) {
            if (!taken.contains(port) && portFree(port)) {
                return port;
            }
        }
        throw ApiException.unavailable("No free staging port in " + config.staging().ports()
                + "; widen strata.ingest.staging.ports.");
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> extractSecrets(Map<String, Object> parameters, List<String> paths) {
        Map<String, String> found = new HashMap<>();
        for (String path : paths) {
            String[] parts = path.split("\\.");
            Map<String, Object> current = parameters;
            for (int i = 0; i < parts.length - 1 && current != null; i++) {
                Object next = current.get(parts[i]);
                if (next instanceof Map<?, ?> map) {
                    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
                    current.put(parts[i], copy);
                    current = copy;
                } else {
                    current = null;
                }
            }
            if (current != null && current.get(parts[parts.length - 1]) != null) {
                found.put(path, String.valueOf(current.remove(parts[parts.length - 1])));
            }
        }
        return found;
    }

    private static String string(Map<String, Object> body, String field) {
        Object value = body.get(field);
        return value == null ? null : String.valueOf(value);
    }

    private static String newVolumeId() {
        return Ids.next("vol");
    }

    static String newSnapshotId() {
        return Ids.next("snap");
    }
}
