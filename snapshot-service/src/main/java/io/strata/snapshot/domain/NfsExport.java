package io.strata.snapshot.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A volume exported over NFS. The rows are the source of truth; NFS-Ganesha's export list is made from them. */
@Entity
@Table(name = "nfs_export")
public class NfsExport extends PanacheEntityBase {

    @Id
    @Column(name = "volume_id")
    public String volumeId;

    /** NFS-Ganesha's Export_Id. */
    @Column(name = "export_id", nullable = false, unique = true)
    public int exportId;

    /** The directory exported. */
    @Column(nullable = false, columnDefinition = "text")
    public String path;

    /** The NFSv4 pseudo path clients mount. */
    @Column(nullable = false, columnDefinition = "text")
    public String pseudo;

    /** Comma-separated hosts or networks allowed. */
    @Column(nullable = false, columnDefinition = "text")
    public String clients;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public List<String> clientList() {
        return Arrays.stream(clients.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
