package io.strata.kubernetes.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

/**
 * What a {@link Source} should be: the fields of {@code POST /api/v1/sources}, with the connection's password in a
 * Secret. Changing {@code sensitive} or {@code syncPolicy} changes the source; the rest is fixed once it is
 * linked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceSpec {

    @JsonPropertyDescription("Its name in Strata (GET /api/v1/sources), unique there; default: metadata.name. 1 to 63 "
            + "letters, digits, '_', '.' or '-'.")
    @Pattern("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")
    private String name;

    @JsonPropertyDescription("The engine plugin (GET /api/v1/engines): postgresql or files.")
    @Pattern("^[a-z][a-z0-9-]{0,62}$")
    private String engine;

    @JsonPropertyDescription("The environment the source lives on: an Environment resource of this namespace "
            + "(metadata.name), or a Strata environment's id or name; default: the ingest service's own host.")
    private String environment;

    @JsonPropertyDescription("postgresql: how to reach the database.")
    private SourceConnection connection;

    @JsonPropertyDescription("files: the directory on the environment.")
    private String path;

    @JsonPropertyDescription("Where its staging copy runs: {environment} (an Environment resource or a Strata "
            + "environment); default: the ingest service's own host.")
    private SourceStaging staging;

    @JsonPropertyDescription("When it is synced by itself: {cron}, five fields, e.g. \"0 * * * *\" for every hour. "
            + "Changing it changes the source; none: synced on request only.")
    private SyncPolicy syncPolicy;

    @JsonPropertyDescription("postgresql: also keep the write-ahead log between syncs, so that a virtual database can "
            + "be made of any moment (needs pg_switch_wal on the source).")
    private Boolean logSync;

    @JsonPropertyDescription("Whether only admins may provision from it; everyone else uses its masked datasets. "
            + "Changing it changes the source.")
    private Boolean sensitive;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEngine() {
        return engine;
    }

    public void setEngine(String engine) {
        this.engine = engine;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public SourceConnection getConnection() {
        return connection;
    }

    public void setConnection(SourceConnection connection) {
        this.connection = connection;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public SourceStaging getStaging() {
        return staging;
    }

    public void setStaging(SourceStaging staging) {
        this.staging = staging;
    }

    public SyncPolicy getSyncPolicy() {
        return syncPolicy;
    }

    public void setSyncPolicy(SyncPolicy syncPolicy) {
        this.syncPolicy = syncPolicy;
    }

    public Boolean getLogSync() {
        return logSync;
    }

    public void setLogSync(Boolean logSync) {
        this.logSync = logSync;
    }

    public Boolean getSensitive() {
        return sensitive;
    }

    public void setSensitive(Boolean sensitive) {
        this.sensitive = sensitive;
    }
}
