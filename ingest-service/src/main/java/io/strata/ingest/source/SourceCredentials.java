package io.strata.ingest.source;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.errors.ApiException;
import io.strata.common.secrets.SecretStore;
import io.strata.contracts.ingest.SourceView;
import io.strata.engine.EnginePlugin;
import io.strata.engine.LinkedSource;
import io.strata.engine.Staging;
import io.strata.engine.UserError;

/**
 * A linked source's new secrets (a password rotated on production): checked against the source, handed to its
 * staging copy, then kept in place of the old ones. Nothing changes when the source refuses them.
 */
@ApplicationScoped
public class SourceCredentials {

    /** What a request without a body is told. */
    public static final String REQUIRED = "is required: send a JSON body with the source's new secret fields, as at "
            + "link time, e.g. {\"connection\": {\"password\": \"...\"}}";

    @Inject
    SourceContexts contexts;

    @Inject
    SecretStore secrets;

    @Inject
    StagingPods pods;

    @Inject
    SourceService sources;

    /**
     * Replaces the source's secrets with those in {@code parameters}, which has the shape of the link request's
     * parameters and nothing but secret fields, e.g. {@code {"connection": {"password": "..."}}}.
     */
    public SourceView change(String id, Map<String, Object> parameters) {
        Source source = QuarkusTransaction.requiringNew().call(() -> sources.require(id));
        if (source.state == Source.State.LINKING || source.state == Source.State.DELETING) {
            throw ApiException.conflict("Source " + source.name + " is " + source.state + "; change its credentials "
                    + "once that is over.");
        }
        EnginePlugin plugin = contexts.plugin(source);
        List<String> paths = plugin.sourceParameters().secretPaths();
        Map<String, Object> rest = parameters == null ? new LinkedHashMap<>() : new LinkedHashMap<>(parameters);
        Map<String, String> given = LinkValidator.extractSecrets(rest, paths);
        if (given.isEmpty() || hasValues(rest)) {
            throw ApiException.badRequest("parameters", paths.isEmpty()
                    ? "A " + source.engine + " source has no credentials to change."
                    : "Give the source's secret fields and nothing else, as at link time: " + String.join(", ",
                            paths) + " (e.g. {\"connection\": {\"password\": \"...\"}}).");
        }
        LinkedSource current = contexts.linked(source);
        Map<String, String> merged = new HashMap<>(current.secrets());
        merged.putAll(given);
        LinkedSource changed = new LinkedSource(current.id(), current.name(), current.parameters(), merged, current
                .sourceHost());
        Staging staging = source.stagingNamespace != null
                ? contexts.client(source)
                : contexts.staging(source, source.stagingPath);
        try {
            plugin.linked().credentialsChanged(changed, staging);
        } catch (UserError e) {
            throw ApiException.badRequest(paths.get(0), e.describe());
        }
        if (source.stagingNamespace != null && source.stagingPath != null) {
            // The pod reads the password from its Secret when it starts: a new pod takes the new one.
            try {
                pods.apply(source, source.stagingPath, merged.get(StagingPods.PASSWORD_PARAMETER));
                pods.restart(source);
            } catch (UserError e) {
                throw ApiException.conflict("The source accepted the new credentials but its staging pod could not "
                        + "take them; the old ones stay in Strata. " + e.describe());
            }
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Source stored = sources.require(id);
            stored.secretRef = stored.id;
            secrets.put(stored.id, merged);
        });
        Log.infof("Source %s (%s): its credentials were changed (%s)", source.name, source.id, String.join(", ",
                given.keySet()));
        return sources.view(id);
    }

    /** Whether a parameter map holds any value, in it or in the maps it holds. */
    private static boolean hasValues(Map<?, ?> parameters) {
        return parameters.values().stream().anyMatch(value -> !(value instanceof Map<?, ?> nested) || hasValues(
                nested));
    }
}
