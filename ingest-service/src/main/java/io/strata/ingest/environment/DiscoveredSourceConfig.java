package io.strata.ingest.environment;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.common.persistence.ObjectMapConverter;

/** A database that discovery found through a repository. */
@Entity
@Table(name = "source_config")
public class DiscoveredSourceConfig extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "environment_id", nullable = false)
    public String environmentId;

    @Column(name = "repository_id", nullable = false)
    public String repositoryId;

    @Column(nullable = false)
    public String name;

    /** What the plugin found, as JSON. */
    @Convert(converter = ObjectMapConverter.class)
    @Column(columnDefinition = "text")
    public Map<String, Object> properties;

    @Column(name = "discovered_at", nullable = false)
    public Instant discoveredAt;
}
