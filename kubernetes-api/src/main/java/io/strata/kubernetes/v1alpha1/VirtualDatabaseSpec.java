package io.strata.kubernetes.v1alpha1;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** What a {@link VirtualDatabase} should be: the same fields as {@code POST /api/v1/vdbs}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VirtualDatabaseSpec {

    @JsonPropertyDescription("Its name in Strata (GET /api/v1/vdbs), unique there; default: metadata.name. 1 to 63 "
            + "lower-case letters, digits, '_' or '-'.")
    @Pattern("^[a-z0-9][a-z0-9_-]{0,62}$")
    private String name;

    @JsonPropertyDescription("Where its data comes from: exactly one of dataset, snapshot or bookmark (bookmark may "
            + "name its dataset too), or dataset with timestamp.")
    @Required
    private DataPoint from;

    @JsonPropertyDescription("The environment it runs on, by id or name (GET /api/v1/environments); default: the "
            + "provisioning service's own host.")
    private String environment;

    @JsonPropertyDescription("Run its engine in a pod of its own instead of on an environment's host: the clone "
            + "becomes a PersistentVolume (NFS) and a claim, mounted by a StatefulSet of one pod running the engine's "
            + "image (postgres:<major> for PostgreSQL) as the owner of the clone's files, behind a Service named "
            + "vdb-<name>, with a Secret vdb-<name>-credentials. Refresh and rewind swap the claim under the same "
            + "Service. Not with environment, hooks or from.timestamp.")
    private PodTarget pod;

    @JsonPropertyDescription("The port its engine listens on (in a pod: its Service's port, default 5432); default: "
            + "a free one of the service's range.")
    @Min(1024)
    @Max(65535)
    private Integer port;

    @JsonPropertyDescription("The engine's virtual parameters (GET /api/v1/engines), e.g. max_connections.")
    private Map<String, String> parameters;

    @JsonPropertyDescription("Shell commands run on the target around each operation: preProvision, postProvision, "
            + "preRefresh, postRefresh, preRewind, postRewind, preStart, postStart, preStop, postStop.")
    private Map<String, String> hooks;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public DataPoint getFrom() {
        return from;
    }

    public void setFrom(DataPoint from) {
        this.from = from;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public PodTarget getPod() {
        return pod;
    }

    public void setPod(PodTarget pod) {
        this.pod = pod;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public Map<String, String> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    public Map<String, String> getHooks() {
        return hooks;
    }

    public void setHooks(Map<String, String> hooks) {
        this.hooks = hooks;
    }
}
