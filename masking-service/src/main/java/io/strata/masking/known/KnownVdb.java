package io.strata.masking.known;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A virtual database the provisioning service announced, and how to reach it: what a masking job can mask. Its
 * password is not here; the secret store holds it under the virtual database's id.
 */
@Entity
@Table(name = "vdb_view")
public class KnownVdb extends PanacheEntityBase {

    /** RUNNING after provisioning, refresh, rewind or start; FAILED; DELETED. */
    public enum Status {
        RUNNING, FAILED, DELETED
    }

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    public String engine;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public String host;

    public Integer port;

    @Column(name = "database_name")
    public String databaseName;

    @Column(name = "database_user")
    public String databaseUser;

    /** The dataset it was provisioned from: a source's id, or another virtual database's. */
    public String parent;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A live virtual database by id or name, or {@code null}. */
    public static KnownVdb byIdOrName(String idOrName) {
        KnownVdb vdb = findById(idOrName);
        if (vdb != null && vdb.status != Status.DELETED) {
            return vdb;
        }
        return find("name = ?1 and status <> ?2", idOrName, Status.DELETED).firstResult();
    }

    /** The live virtual databases provisioned from a dataset, by name. */
    public static List<KnownVdb> provisionedFrom(String dataset) {
        return list("parent = ?1 and status <> ?2 order by name", dataset, Status.DELETED);
    }
}
