package io.strata.ingest.source;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

import io.strata.common.errors.ApiException;
import io.strata.contracts.ingest.EnvironmentKind;
import io.strata.engine.EnginePlugin;
import io.strata.engine.ParameterSchema;
import io.strata.ingest.engine.Engines;
import io.strata.ingest.environment.Environment;

/**
 * Checks a link request against what exists, before anything is made: the plugin, the environments, the sync
 * policy and the plugin's parameters, with the secrets taken out of them. Each refusal is a 400 (or a 409 for a
 * name in use) naming the field.
 */
@ApplicationScoped
public class LinkValidator {

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    @Inject
    Engines engines;

    /**
     * A request that passed every check.
     *
     * @param plugin the engine's plugin
     * @param environment where the source lives
     * @param staging where its staging copy runs: a host, or for a pod the environment it was named by (if any)
     * @param stagingNamespace the namespace of its staging pod, or {@code null} when it is staged on a host
     * @param cron the sync policy, or {@code null}
     * @param parameters the plugin's parameters without secrets
     * @param secrets the secrets taken out of them, by path
     */
    public record CheckedLink(EnginePlugin plugin, Environment environment, Environment staging,
            String stagingNamespace, String cron,
            Map<String, Object> parameters, Map<String, String> secrets) {

        /** Whether the source keeps its log for point-in-time provisioning. */
        boolean logSync() {
            return Boolean.TRUE.equals(parameters.get("logSync"));
        }
    }

    /** Checks a request; returns what linking needs. */
    public CheckedLink check(LinkSource request) {
        EnginePlugin plugin = engines.require(request.engine());
        Environment environment = environment(request.environment(), "environment");
        StagingChoice staging = staging(request.staging());
        String cron = request.syncPolicy() == null ? null : cron(request.syncPolicy().cron());
        Map<String, Object> parameters = new LinkedHashMap<>(request.parameters());
        ParameterSchema schema = plugin.sourceParameters();
        if (parameters.containsKey("logSync") && schema.parameters().stream().noneMatch(p -> p.name().equals(
                "logSync"))) {
            throw ApiException.badRequest("logSync", "The " + plugin.name() + " engine keeps no log to provision a "
                    + "point in time from; leave logSync out.");
        }
        List<ParameterSchema.FieldError> errors = schema.validate(parameters);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors.get(0).field(), String.join("; ", errors.stream().map(
                    ParameterSchema.FieldError::message).toList()) + ".");
        }
        Map<String, String> secrets = extractSecrets(parameters, schema.secretPaths());
        if (Source.count("name", request.name()) > 0) {
            throw ApiException.conflict("A source named " + request.name() + " exists already; choose another "
                    + "name.");
        }
        return new CheckedLink(plugin, environment, staging.host(), staging.namespace(), cron, parameters, secrets);
    }

    /**
     * Where a staging copy runs.
     *
     * @param host the staging host's environment, or {@code null} for a pod
     * @param namespace the staging pod's namespace, or {@code null} for a host
     */
    private record StagingChoice(Environment host, String namespace) {
    }

    /**
     * Where the request stages: {@code staging.kubernetes.namespace}, or {@code staging.environment} (default: this
     * host), which for a Kubernetes environment means a pod in its namespace.
     */
    private static StagingChoice staging(LinkSource.StagingTarget target) {
        if (target != null && target.kubernetes() != null) {
            if (target.environment() != null) {
                throw ApiException.badRequest("staging", "Give staging.environment or staging.kubernetes, not both.");
            }
            return new StagingChoice(null, target.kubernetes().namespace());
        }
        String id = target == null || target.environment() == null ? Environment.LOCAL_ID : target.environment();
        Environment staging = environment(id, "staging.environment");
        return staging.kind == EnvironmentKind.KUBERNETES
                ? new StagingChoice(null, staging.namespace)
                : new StagingChoice(staging, null);
    }

    /** An environment by id or name; the local one when none is given. */
    static Environment environment(String id, String field) {
        String environmentId = id == null ? Environment.LOCAL_ID : id;
        Environment environment = Environment.findById(environmentId);
        if (environment != null) {
            return environment;
        }
        Environment byName = Environment.find("name", environmentId).firstResult();
        if (byName == null) {
            throw ApiException.badRequest(field, field + " '" + environmentId + "' is not a registered environment; "
                    + "GET /environments lists them.");
        }
        return byName;
    }

    /** A sync policy's cron expression, stripped, or a 400 that shows what one looks like. */
    static String cron(String expression) {
        if (expression == null) {
            return null;
        }
        String cron = expression.strip();
        try {
            CRON.parse(cron).validate();
            return cron;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("syncPolicy.cron", "syncPolicy.cron '" + cron + "' is not a cron "
                    + "expression (five fields: minute hour day-of-month month day-of-week, e.g. '0 * * * *' for "
                    + "every hour): " + e.getMessage());
        }
    }

    /** Takes the values at {@code paths} (dotted, e.g. {@code connection.password}) out of the parameters. */
    @SuppressWarnings("unchecked")
    static Map<String, String> extractSecrets(Map<String, Object> parameters, List<String> paths) {
        Map<String, String> found = new HashMap<>();
        for (String path : paths) {
            String[] parts = path.split("\\.");
            Map<String, Object> current = parameters;
            for (int i = 0; i < parts.length - 1 && current != null; i++) {
                if (current.get(parts[i]) instanceof Map<?, ?> map) {
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
}
