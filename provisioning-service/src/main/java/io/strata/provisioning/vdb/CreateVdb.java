package io.strata.provisioning.vdb;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code POST /api/v1/vdbs}.
 *
 * @param name a unique name
 * @param from where the data comes from
 * @param target where it runs (default: this host)
 * @param port the port it listens on (default: a free one of strata.provisioning.ports)
 * @param parameters the engine's virtual parameters (GET /engines)
 * @param hooks shell commands run on the target: preProvision, postProvision, preRefresh, postRefresh, preRewind,
 *        postRewind, preStart, postStart, preStop, postStop, preSnapshot, postSnapshot
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateVdb(
        @NotNull(message = NAME) @Pattern(regexp = NAME_PATTERN, message = NAME) String name,
        @NotNull(message = "is required: {dataset}, {snapshot}, {bookmark} or {dataset, timestamp}") @Valid From from,
        @Valid Target target,
        @Min(value = 1024, message = PORT) @Max(value = 65535, message = PORT) Integer port,
        Map<String, Object> parameters,
        Map<String, String> hooks) {

    /** What a request without a body is told. */
    public static final String REQUIRED = "is required: send a JSON body {name, from: {dataset | snapshot | "
            + "bookmark | dataset + timestamp}, target: {environment}, port}";

    /** What a virtual database's name looks like. */
    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9_-]{0,62}";

    private static final String NAME = "is required: 1 to 63 lower-case letters, digits, '_' or '-'";
    private static final String PORT = "must be between 1024 and 65535";

    /**
     * @param dataset the newest snapshot of this dataset (a source, a masked dataset)
     * @param snapshot this snapshot
     * @param bookmark this bookmark's snapshot (its id or name; with {@code dataset}, its point on that dataset)
     * @param timestamp this moment of the dataset (needs its kept log: logSync)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record From(String dataset, String snapshot, String bookmark, Instant timestamp) {
    }

    /**
     * @param environment the target environment's id or name
     * @param kubernetes a Kubernetes target ({@code namespace})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(String environment, Map<String, Object> kubernetes) {
    }
}
