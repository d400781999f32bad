package io.strata.provisioning.vdb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import io.strata.common.persistence.StringMapConverter;

/** A virtual database: a writable clone of a snapshot with an engine running on it. */
@Entity
@Table(name = "vdb")
public class Vdb extends PanacheEntityBase {

    /** A virtual database's life. */
    public enum Status {
        PROVISIONING, RUNNING, STOPPED, FAILED, DELETING, DELETED
    }

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String engine;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** The dataset it came from. */
    @Column(nullable = false)
    public String parent;

    /** The snapshot its current clone was made from. */
    @Column(name = "snapshot_id", nullable = false)
    public String snapshotId;

    /** The point in time it was recovered to, if any. */
    @Column(name = "recovery_time")
    public Instant recoveryTime;

    @Column(name = "environment_id", nullable = false)
    public String environmentId;

    @Column(name = "volume_id")
    public String volumeId;

    @Column(columnDefinition = "text")
    public String path;

    @Column(name = "work_path", nullable = false, columnDefinition = "text")
    public String workPath;

    @Column(nullable = false)
    public int port;

    @Column(name = "database_name")
    public String databaseName;

    @Column(name = "database_user")
    public String databaseUser;

    /** The engine's virtual parameters. */
    @Convert(converter = ObjectMapConverter.class)
    @Column(nullable = false, columnDefinition = "text")
    public Map<String, Object> parameters;

    /** Hook commands by name. */
    @Convert(converter = StringMapConverter.class)
    @Column(columnDefinition = "text")
    public Map<String, String> hooks;

    @Column(name = "secret_ref", nullable = false)
    public String secretRef;

    @Column(columnDefinition = "text")
    public String error;

    /**
     * Its life: each provision, refresh and rewind starts a new one (1, 2, ...). It keeps its own log per life, so it
     * can be rewound to any time of the current one.
     */
    public int life;

    /** When the current life started (its engine first accepted connections on the current clone). */
    @Column(name = "life_started_at")
    public Instant lifeStartedAt;

    /** Whether its clone, port and processes have been given back. */
    public boolean released;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /**
     * What a working virtual database is for ({@code masking}, {@code profiling}): another service asked for it for
     * itself ({@link WorkingVdbs}); users neither see it in the list nor change it. {@code null} for a user's.
     */
    public String purpose;

    /** The user who provisioned it; {@code null} for working ones and those made before users existed. */
    public String owner;

    /** The dataset a working virtual database's clone belongs to (a masked dataset), {@code null}: its own. */
    @Column(name = "volume_dataset")
    public String volumeDataset;

    /**
     * The data pod a user's virtual database belongs to ({@link PodVdbs}): the catalog service made it for the pod and
     * alone changes it, so users' changes are refused; {@code null} for every other virtual database.
     */
    public String pod;

    /**
     * The request that the operation running on a working virtual database, or on a data pod's, answers when it ends
     * (its owner's command).
     */
    @Column(name = "reply_to")
    public String replyTo;

    /**
     * The Kubernetes VirtualDatabase resource it was made for ({@code namespace/name}); its operator alone deletes it,
     * when the resource goes. {@code null} for one made over REST.
     */
    @Column(name = "managed_by")
    public String managedBy;

    /**
     * For a virtual database of a data pod that a DataPod resource made: the namespace where its credentials are kept
     * in a Secret, {@code <name>-credentials}, while it exists. {@code null} otherwise.
     */
    @Column(name = "credentials_namespace")
    public String credentialsNamespace;

    /** Its owner asked for it to be deleted while an operation ran on it: it is deleted when that one ends. */
    public boolean discard;

    /** Whether another service made it for itself: private, changed by its owner's commands only. */
    public boolean working() {
        return purpose != null;
    }

    /** Whether it belongs to a data pod: changed by the catalog service's commands only. */
    public boolean inPod() {
        return pod != null;
    }

    /** The dataset its clones belong to. */
    public String volumeDataset() {
        return volumeDataset != null ? volumeDataset : id;
    }

    /**
     * A dataset and the ones it descends from, nearest first: while it is a virtual database, its parent, and so on
     * up to the source or masked dataset at the root (last).
     */
    public static List<String> lineage(String dataset) {
        List<String> lineage = new ArrayList<>();
        for (String at = dataset; at != null && !lineage.contains(at);) {
            lineage.add(at);
            Vdb vdb = findById(at);
            at = vdb != null ? vdb.parent : null;
        }
        return lineage;
    }
}
