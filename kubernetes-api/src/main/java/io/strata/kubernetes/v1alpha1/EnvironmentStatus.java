package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What an {@link Environment} is: Strata's environment and its conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvironmentStatus extends StrataStatus {

    @JsonPropertyDescription("Strata's id of the environment (GET /api/v1/environments/{id}).")
    private String id;

    @JsonPropertyDescription("The host commands run on: the SSH host, or the pod.")
    private String host;

    @JsonPropertyDescription("The user commands run as.")
    private String user;

    @JsonPropertyDescription("ssh: the host key Strata verifies the server with (the one pinned, with pinHostKey).")
    private String hostKey;

    @JsonPropertyDescription("A digest of the spec the environment was registered with; a spec that no longer "
            + "matches it is reported in Ready, since an environment cannot change.")
    private String specDigest;

    @JsonPropertyDescription("The Secret version (uid/resourceVersion) whose credentials Strata holds: when the Secret "
            + "changes, its new value is checked and, if accepted, replaces the old one.")
    private String credentialsVersion;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getHostKey() {
        return hostKey;
    }

    public void setHostKey(String hostKey) {
        this.hostKey = hostKey;
    }

    public String getSpecDigest() {
        return specDigest;
    }

    public void setSpecDigest(String specDigest) {
        this.specDigest = specDigest;
    }

    public String getCredentialsVersion() {
        return credentialsVersion;
    }

    public void setCredentialsVersion(String credentialsVersion) {
        this.credentialsVersion = credentialsVersion;
    }
}
