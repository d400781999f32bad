package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What a {@link VirtualDatabase} is: Strata's virtual database, where to connect, and its conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VirtualDatabaseStatus extends StrataStatus {

    @JsonPropertyDescription("Strata's id of the virtual database (GET /api/v1/vdbs/{id}).")
    private String id;

    @JsonPropertyDescription("Its state in Strata: PROVISIONING, RUNNING, STOPPED, REFRESHING, FAILED, DELETING...")
    private String state;

    @JsonPropertyDescription("The host its engine runs on.")
    private String host;

    @JsonPropertyDescription("The port its engine listens on.")
    private Integer port;

    @JsonPropertyDescription("The database to connect to.")
    private String database;

    @JsonPropertyDescription("The Secret in this namespace holding host, port, database, username and password.")
    private String credentialsSecret;

    @JsonPropertyDescription("The snapshot its data was provisioned, refreshed or rewound from.")
    private String snapshot;

    @JsonPropertyDescription("The last Strata job run for it (GET /api/v1/jobs/{id}).")
    private String jobId;

    @JsonPropertyDescription("The spec.from its data follows: the one it was made from, then each change of "
            + "spec.from applied by a refresh (a dataset's newest snapshot, a snapshot or a bookmark of the same "
            + "dataset).")
    private DataPoint from;

    @JsonPropertyDescription("In a pod: the namespace of its StatefulSet, Service, Secret and claim.")
    private String namespace;

    @JsonPropertyDescription("In a pod: the Service applications connect to (host is its DNS name).")
    private String service;

    @JsonPropertyDescription("In a pod: the PersistentVolumeClaim on its current clone's NFS export.")
    private String claim;

    @JsonPropertyDescription("In a pod: how many of its StatefulSet's pods are ready (0 or 1).")
    private Integer readyPods;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String getCredentialsSecret() {
        return credentialsSecret;
    }

    public void setCredentialsSecret(String credentialsSecret) {
        this.credentialsSecret = credentialsSecret;
    }

    public String getSnapshot() {
        return snapshot;
    }

    public void setSnapshot(String snapshot) {
        this.snapshot = snapshot;
    }

    public String getJobId() {
        return jobId;
    }

    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getClaim() {
        return claim;
    }

    public void setClaim(String claim) {
        this.claim = claim;
    }

    public Integer getReadyPods() {
        return readyPods;
    }

    public void setReadyPods(Integer readyPods) {
        this.readyPods = readyPods;
    }

    public DataPoint getFrom() {
        return from;
    }

    public void setFrom(DataPoint from) {
        this.from = from;
    }
}
