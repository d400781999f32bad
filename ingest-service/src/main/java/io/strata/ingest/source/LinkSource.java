package io.strata.ingest.source;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * {@code POST /api/v1/sources}: what to link and how. Every other field is a parameter of the engine's plugin
 * ({@code connection}, {@code path}, {@code logSync}...: {@code GET /engines} lists them), checked against the
 * plugin's schema.
 *
 * @param name a unique name
 * @param engine the engine plugin: {@code postgresql}, {@code mariadb}, {@code files}
 * @param environment the environment the source lives on (default: this host)
 * @param staging where its staging copy runs (default: this host)
 * @param syncPolicy when to sync by itself
 * @param sensitive whether only admins may provision from it (default false); everyone else provisions from its
 *        masked datasets
 * @param parameters the plugin's parameters
 */
public record LinkSource(
        @NotNull(message = NAME) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,62}", message = NAME) String name,
        String engine,
        String environment,
        @Valid StagingTarget staging,
        @Valid SyncPolicy syncPolicy,
        Boolean sensitive,
        @JsonAnySetter Map<String, Object> parameters) {

    /** What a request without a body is told. */
    public static final String REQUIRED = "is required: send a JSON body {name, engine, environment, connection | "
            + "path, staging: {environment} | {kubernetes: {namespace}}, syncPolicy: {cron}, logSync, sensitive}";

    private static final String NAMESPACE = "is required: a Kubernetes namespace name (lower-case letters, digits "
            + "and '-', at most 63)";

    private static final String NAME = "is required: 1 to 63 letters, digits, '_', '.' or '-'";

    public LinkSource {
        parameters = parameters == null ? new LinkedHashMap<>() : new LinkedHashMap<>(parameters);
    }

    /**
     * Where the staging copy runs: on a host environment, or in a pod of a Kubernetes namespace.
     *
     * @param environment the staging environment's id or name (a Kubernetes environment means a pod in its
     *        namespace)
     * @param kubernetes a pod in this namespace instead
     */
    public record StagingTarget(String environment, @Valid KubernetesStaging kubernetes) {
    }

    /** @param namespace the namespace of the staging pod, its Secret and the claim on the staging volume */
    public record KubernetesStaging(
            @NotNull(message = NAMESPACE) @Pattern(regexp = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?", message = NAMESPACE) String namespace) {
    }

    /** @param cron a five-field Unix cron expression, e.g. {@code 0 * * * *} for every hour */
    public record SyncPolicy(String cron) {
    }
}
