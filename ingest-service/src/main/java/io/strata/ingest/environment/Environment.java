package io.strata.ingest.environment;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.common.persistence.EnvironmentKindConverter;
import io.strata.contracts.ingest.EnvironmentKind;
import io.strata.contracts.ingest.EnvironmentRef;

/** A host Strata runs commands on: this one, an SSH host, or a container in a Kubernetes pod. */
@Entity
@Table(name = "environment")
public class Environment extends PanacheEntityBase {

    /** The environment every installation has: this host. */
    public static final String LOCAL_ID = "local";

    @Id
    public String id;

    @Column(nullable = false, unique = true)
    public String name;

    /** How it is reached: {@code local}, {@code ssh} or {@code kubernetes}. */
    @Convert(converter = EnvironmentKindConverter.class)
    @Column(nullable = false)
    public EnvironmentKind kind;

    public String host;

    public int port;

    @Column(name = "os_user")
    public String user;

    /** The pinned SSH host key. */
    @Column(name = "host_key", columnDefinition = "text")
    public String hostKey;

    /** {@code privateKey}, {@code password} or {@code null}. */
    public String credential;

    @Column(name = "secret_ref")
    public String secretRef;

    /** For {@code kubernetes}: the pod's namespace. */
    public String namespace;

    /** For {@code kubernetes}: the pod commands are executed in. */
    public String pod;

    /** For {@code kubernetes}: the container in the pod. */
    public String container;

    /**
     * The Kubernetes resource ({@code Environment}, {@code namespace/name}) this environment was made for: its operator finds
     * it by this, and the REST API leaves its deletion to the resource. {@code null} for one made over REST.
     */
    @Column(name = "managed_by")
    public String managedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** How other services reach it (no credentials). */
    public EnvironmentRef toRef() {
        return new EnvironmentRef(id, kind, host, port, user, hostKey, secretRef, namespace, pod, container);
    }
}
