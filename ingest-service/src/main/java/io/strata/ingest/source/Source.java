package io.strata.ingest.source;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.common.persistence.ObjectMapConverter;
import io.strata.engine.StagingPod;

/** A linked production database (or file tree) and its staging copy. */
@Entity
@Table(name = "source")
public class Source extends PanacheEntityBase {

    /** A source's life. */
    public enum State {
        /** The initial load runs. */
        LINKING,
        /** Staging runs; syncs can be taken. */
        ACTIVE,
        /** Staging is stopped on request. */
        DISABLED,
        /** Linking failed; nothing of it is left but this row. */
        FAILED,
        /** Being deleted. */
        DELETING
    }

    @Id
    public String id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(nullable = false)
    public String engine;

    @Column(name = "environment_id", nullable = false)
    public String environmentId;

    /** The staging host's environment; {@code null} when the staging copy runs in a pod. */
    @Column(name = "staging_environment_id")
    public String stagingEnvironmentId;

    @Column(name = "repository_id")
    public String repositoryId;

    /** The plugin's source parameters, without secrets. */
    @Convert(converter = ObjectMapConverter.class)
    @Column(nullable = false, columnDefinition = "text")
    public Map<String, Object> parameters;

    @Column(name = "secret_ref")
    public String secretRef;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "volume_id")
    public String volumeId;

    @Column(name = "staging_path", columnDefinition = "text")
    public String stagingPath;

    @Column(name = "staging_port")
    public Integer stagingPort;

    @Column(name = "work_path", columnDefinition = "text")
    public String workPath;

    /** For a staging copy in a Kubernetes pod: the pod's namespace; {@code null} when it runs on a host. */
    @Column(name = "staging_namespace")
    public String stagingNamespace;

    /** For a staging copy in a pod: how the pod runs, as the plugin described it at link time. */
    @Convert(converter = StagingPodConverter.class)
    @Column(name = "staging_pod", columnDefinition = "text")
    public StagingPod stagingPod;

    @Column(name = "sync_cron")
    public String syncCron;

    @Column(name = "log_sync", nullable = false)
    public boolean logSync;

    /** Only admins may provision from it; everyone else from its masked datasets. */
    @Column(nullable = false)
    public boolean sensitive;

    @Column(name = "last_sync_at")
    public Instant lastSyncAt;

    @Column(name = "last_snapshot_id")
    public String lastSnapshotId;

    @Column(name = "last_position")
    public String lastPosition;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    @Column(name = "snapshot_count", nullable = false)
    public int snapshotCount;

    @Column(columnDefinition = "text")
    public String error;

    /**
     * The Kubernetes resource ({@code Source}, {@code namespace/name}) this source was made for: its operator finds
     * it by this, and the REST API leaves its deletion to the resource. {@code null} for one made over REST.
     */
    @Column(name = "managed_by")
    public String managedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
