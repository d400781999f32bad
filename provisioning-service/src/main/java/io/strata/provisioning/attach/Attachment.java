package io.strata.provisioning.attach;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.contracts.ingest.EnvironmentRef;
import io.strata.provisioning.known.EnvironmentRefConverter;

/** A volume made usable on an environment. */
@Entity
@Table(name = "attachment")
public class Attachment extends PanacheEntityBase {

    /** How the volume reaches the environment. */
    public enum Kind {
        /** The pool's own path: the environment is the storage host. */
        LOCAL,
        /** The volume's NFS export, mounted on the environment. */
        NFS,
        /** The volume's NFS export as a PersistentVolume and claim (the path is the claim's name). */
        KUBERNETES
    }

    /** An attachment's life. */
    public enum State {
        ATTACHING, ATTACHED, DETACHED, FAILED
    }

    @Id
    public String id;

    @Column(name = "volume_id", nullable = false)
    public String volumeId;

    @Column(name = "environment_id", nullable = false)
    public String environmentId;

    /** The environment reference from the request (no credentials in it). */
    @Convert(converter = EnvironmentRefConverter.class)
    @Column(nullable = false, columnDefinition = "text")
    public EnvironmentRef environment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(columnDefinition = "text")
    public String path;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "request_id")
    public String requestId;

    @Column(columnDefinition = "text")
    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The attachments of a volume that are (being) attached. */
    public static List<Attachment> activeOf(String volumeId) {
        return list("volumeId = ?1 and state in ?2", volumeId, List.of(State.ATTACHING, State.ATTACHED));
    }
}
