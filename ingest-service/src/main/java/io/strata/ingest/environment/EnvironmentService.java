package io.strata.ingest.environment;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.strata.common.errors.ApiException;
import io.strata.common.events.EventPublisher;
import io.strata.common.jobs.Job;
import io.strata.common.jobs.JobRunner;
import io.strata.common.schema.SchemaReady;
import io.strata.common.secrets.SecretStore;
import io.strata.common.security.Caller;
import io.strata.common.util.Ids;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.ingest.CreateEnvironment;
import io.strata.contracts.ingest.EnvironmentKind;
import io.strata.contracts.ingest.EnvironmentRegistered;
import io.strata.contracts.ingest.EnvironmentRemoved;
import io.strata.contracts.ingest.EnvironmentView;
import io.strata.engine.EnginePlugin;
import io.strata.engine.HostConnection;
import io.strata.engine.Repository;
import io.strata.engine.SourceConfig;
import io.strata.engine.UserError;
import io.strata.hosts.HostConnections;
import io.strata.hosts.KubernetesPod;
import io.strata.hosts.SshHost;
import io.strata.ingest.engine.Engines;
import io.strata.ingest.environment.EnvironmentRequestValidator.KubernetesTarget;
import io.strata.ingest.environment.EnvironmentRequestValidator.SshTarget;

/**
 * Environments: registering an SSH host (its credentials checked and its host key verified before anything is
 * saved; the credentials go to the secret store), discovery of engine installations and databases on it, and the
 * {@link HostConnection} to run commands there. The {@code local} environment always exists.
 */
@ApplicationScoped
public class EnvironmentService {

    @Inject
    HostConnections hosts;

    @Inject
    SecretStore secrets;

    @Inject
    Engines engines;

    @Inject
    JobRunner jobs;

    @Inject
    EventCodec codec;

    @Inject
    EventPublisher events;

    @Inject
    Caller caller;

    void ensureLocal(@Observes SchemaReady ready) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (Environment.findById(Environment.LOCAL_ID) == null) {
                Environment local = new Environment();
                local.id = Environment.LOCAL_ID;
                local.name = "local";
                local.kind = EnvironmentKind.LOCAL;
                local.user = System.getProperty("user.name");
                local.createdAt = Instant.now();
                local.persist();
                events.publish(new EnvironmentRegistered(local.toRef(), local.name));
            }
        });
    }

    /**
     * Registers an SSH environment after checking that it can be reached with the given credentials and key, or a
     * Kubernetes pod after checking that it runs and accepts exec. The request's annotations are checked already.
     */
    @Transactional
    public Environment create(CreateEnvironment request) {
        return create(request, null);
    }

    /**
     * Registers an environment for a Kubernetes resource ({@code namespace/name}), which it remembers; {@code null}
     * for one made over REST.
     */
    @Transactional
    public Environment create(CreateEnvironment request, String managedBy) {
        String name = request.name();
        requireUnusedName(name);
        Environment environment = EnvironmentRequestValidator.kind(request) == EnvironmentKind.KUBERNETES
                ? createKubernetes(name, EnvironmentRequestValidator.kubernetes(request))
                : createSsh(name, EnvironmentRequestValidator.ssh(request));
        environment.managedBy = managedBy;
        return environment;
    }

    /** The environment made for a Kubernetes resource ({@code namespace/name}), if there is one. */
    @Transactional
    public Optional<EnvironmentView> managedBy(String resource) {
        return Environment.<Environment>find("managedBy", resource).firstResultOptional().map(
                EnvironmentService::view);
    }

    private static void requireUnusedName(String name) {
        if (Environment.count("name", name) > 0) {
            throw ApiException.conflict("An environment named " + name + " exists already; choose another name.");
        }
    }

    /** Saves the credentials only after the host accepted them, so a refused request leaves no secret behind. */
    private Environment createSsh(String name, SshTarget target) {
        String id = Ids.next("env");
        SshHost probe = probeSsh(id, target);
        secrets.put(id, target.secret());
        Environment environment = new Environment();
        environment.id = id;
        environment.name = name;
        environment.kind = EnvironmentKind.SSH;
        environment.host = target.host();
        environment.port = target.port();
        environment.user = target.user();
        environment.hostKey = target.hostKey() != null ? target.hostKey() : probe.presentedKey().line();
        environment.credential = target.credential();
        environment.secretRef = id;
        return register(environment);
    }

    /** Connects once with the given credentials; a failure names the field to fix: the host key or the host. */
    private SshHost probeSsh(String id, SshTarget target) {
        try {
            return hosts.probe(id, target.host(), target.port(), target.user(), target.secret(), target.hostKey());
        } catch (UserError e) {
            throw ApiException.badRequest(e.getMessage().contains("host key") ? "hostKey" : "host", e.describe());
        }
    }

    private Environment createKubernetes(String name, KubernetesTarget target) {
        KubernetesPod probe = probeKubernetes(target);
        Environment environment = new Environment();
        environment.id = Ids.next("env");
        environment.name = name;
        environment.kind = EnvironmentKind.KUBERNETES;
        environment.namespace = target.namespace();
        environment.pod = target.pod();
        environment.container = probe.container();
        environment.host = target.pod();
        environment.user = probe.user();
        return register(environment);
    }

    /** Checks that the pod runs and accepts exec; a failure names the field to fix: the container or the pod. */
    private KubernetesPod probeKubernetes(KubernetesTarget target) {
        try {
            return hosts.probeKubernetes(target.namespace(), target.pod(), target.container());
        } catch (UserError e) {
            throw ApiException.badRequest(e.getMessage().contains("container") ? "container" : "pod", e.describe());
        }
    }

    private Environment register(Environment environment) {
        environment.createdAt = Instant.now();
        environment.persist();
        events.publish(new EnvironmentRegistered(environment.toRef(), environment.name));
        return environment;
    }

    /**
     * Replaces an SSH environment's credentials (a rotated key or password): the host must accept them, and still
     * present the host key on record, before they replace the old ones. Connections made with the old ones are closed
     * here and in the other services, which are told through {@link EnvironmentRegistered}.
     */
    @Transactional
    public Environment changeCredentials(String id, CreateEnvironment.Credentials credentials) {
        Environment environment = require(id);
        if (environment.kind != EnvironmentKind.SSH) {
            throw ApiException.badRequest("credentials", "Environment " + environment.name + " is " + environment.kind
                    + "; only an SSH environment has credentials.");
        }
        Map.Entry<String, String> credential = EnvironmentRequestValidator.credential(credentials);
        SshTarget target = new SshTarget(environment.host, environment.port, environment.user, credential.getKey(),
                Map.ofEntries(credential), environment.hostKey);
        probeSsh(id, target);
        secrets.put(id, target.secret());
        environment.secretRef = id;
        environment.credential = target.credential();
        hosts.forget(id);
        events.publish(new EnvironmentRegistered(environment.toRef(), environment.name));
        Log.infof("Environment %s (%s): its %s was changed", environment.name, id, target.credential());
        return environment;
    }

    /** Removes an environment that no source uses. */
    @Transactional
    public void delete(String id, long sourcesUsingIt) {
        Environment environment = require(id);
        if (Environment.LOCAL_ID.equals(id)) {
            throw ApiException.conflict("The local environment cannot be deleted.");
        }
        caller.requireMayDeleteManaged("Environment " + environment.name, environment.managedBy, "Environment",
                "environment");
        if (sourcesUsingIt > 0) {
            throw ApiException.conflict("Environment " + environment.name + " is used by " + sourcesUsingIt
                    + " source(s); delete them first.");
        }
        environment.delete();
        events.publish(new EnvironmentRemoved(id));
        hosts.forget(id);
        if (environment.secretRef != null) {
            secrets.delete(environment.secretRef);
        }
    }

    /** An environment, or 404. */
    public Environment require(String id) {
        Environment environment = Environment.findById(id);
        if (environment == null) {
            throw ApiException.notFound("environment", id);
        }
        return environment;
    }

    /** A connection to an environment. */
    public HostConnection connect(Environment environment) {
        return hosts.connect(environment.toRef());
    }

    /**
     * Starts discovery: every plugin's repositories on the host and, for engines given a connection, the databases it
     * can see. The password is used and forgotten: only the job's own work holds it, until the job ends.
     */
    @Transactional
    public Job discover(String id, DiscoverRequest request) {
        Environment environment = require(id);
        DiscoverRequest given = request == null ? DiscoverRequest.NONE : request;
        for (String engine : given.others().keySet()) {
            if (!engines.all().containsKey(engine)) {
                throw ApiException.badRequest(engine, engine + " is not an engine of this service (it has "
                        + engines.all().keySet() + "); give a connection as {\"postgresql\": {\"connection\": "
                        + "{host, port, database, user, password}}} (or \"mariadb\").");
            }
        }
        Map<String, DiscoverRequest.Connection> connections = given.connections();
        return jobs.submit("environment.discover", id, null, context -> {
            HostConnection host = connect(environment);
            int done = 0;
            StringBuilder summary = new StringBuilder();
            for (EnginePlugin plugin : engines.all().values()) {
                context.progress(100 * done++ / engines.all().size(), "looking for " + plugin.name());
                List<Repository> repositories = plugin.discovery().repositories(host);
                List<DiscoveredRepository> saved = QuarkusTransaction.requiringNew().call(() -> replaceRepositories(
                        environment.id, plugin.name(), repositories));
                summary.append(plugin.name()).append(": ").append(repositories.size()).append(" installation(s)");
                DiscoverRequest.Connection connection = connections.get(plugin.name());
                if (connection != null && !saved.isEmpty()) {
                    List<SourceConfig> configs = plugin.discovery().sourceConfigs(host, repositories.get(0),
                            connection.fields(), connection.secrets());
                    QuarkusTransaction.requiringNew().run(() -> replaceSourceConfigs(environment.id, saved.get(0),
                            configs));
                    summary.append(", ").append(configs.size()).append(" database(s)");
                }
                summary.append("; ");
            }
            return "found " + summary.toString().replaceAll("; $", "");
        });
    }

    /** Runs a plugin's repository discovery now and keeps the result (when linking needs it and none is known). */
    public List<DiscoveredRepository> discoverNow(Environment environment, EnginePlugin plugin) {
        List<Repository> repositories = plugin.discovery().repositories(connect(environment));
        return QuarkusTransaction.requiringNew().call(() -> replaceRepositories(environment.id, plugin.name(),
                repositories));
    }

    private List<DiscoveredRepository> replaceRepositories(String environmentId, String engine,
            List<Repository> repositories) {
        DiscoveredSourceConfig.delete("repositoryId in (select r.id from DiscoveredRepository r where "
                + "r.environmentId = ?1 and r.engine = ?2)", environmentId, engine);
        DiscoveredRepository.delete("environmentId = ?1 and engine = ?2", environmentId, engine);
        return repositories.stream().map(repository -> {
            DiscoveredRepository row = new DiscoveredRepository();
            row.id = Ids.next("repo");
            row.environmentId = environmentId;
            row.engine = engine;
            row.name = repository.name();
            row.version = repository.version();
            row.binDir = repository.binDir();
            row.properties = repository.properties();
            row.discoveredAt = Instant.now();
            row.persist();
            return row;
        }).toList();
    }

    private void replaceSourceConfigs(String environmentId, DiscoveredRepository repository,
            List<SourceConfig> configs) {
        DiscoveredSourceConfig.delete("repositoryId", repository.id);
        for (SourceConfig config : configs) {
            DiscoveredSourceConfig row = new DiscoveredSourceConfig();
            row.id = Ids.next("cfg");
            row.environmentId = environmentId;
            row.repositoryId = repository.id;
            row.name = config.name();
            row.properties = config.properties();
            row.discoveredAt = Instant.now();
            row.persist();
        }
    }

    /** The plugin's view of a discovered repository. */
    public Repository toRepository(DiscoveredRepository row) {
        return new Repository(row.engine, row.name, row.version, row.binDir, row.properties);
    }

    /** The API view of an environment. */
    public static EnvironmentView view(Environment e) {
        return new EnvironmentView(e.id, e.name, e.kind.wire(), e.host, e.kind == EnvironmentKind.SSH ? e.port : null,
                e.user,
                e.hostKey, e.credential, e.createdAt, e.namespace, e.pod, e.container);
    }

    /** Discovered repositories of an environment. */
    @Transactional
    public List<EnvironmentView.RepositoryView> repositories(String id) {
        require(id);
        return DiscoveredRepository.<DiscoveredRepository>list("environmentId", Sort.ascending("engine", "name"), id)
                .stream().map(r -> new EnvironmentView.RepositoryView(r.id, r.engine, r.name, r.version, r.binDir,
                        r.properties, r.discoveredAt))
                .toList();
    }

    /** Discovered databases of an environment. */
    @Transactional
    public List<EnvironmentView.SourceConfigView> sourceConfigs(String id) {
        require(id);
        Map<String, String> engineOf = new HashMap<>();
        DiscoveredRepository.<DiscoveredRepository>list("environmentId", id).forEach(r -> engineOf.put(r.id,
                r.engine));
        return DiscoveredSourceConfig.<DiscoveredSourceConfig>list("environmentId", Sort.ascending("name"), id)
                .stream().map(c -> new EnvironmentView.SourceConfigView(c.id, c.repositoryId, engineOf.get(
                        c.repositoryId), c.name, c.properties))
                .toList();
    }
}
