package io.strata.ingest.environment;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.common.persistence.StringMapConverter;

/** An engine installation that discovery found on an environment. */
@Entity
@Table(name = "repository")
public class DiscoveredRepository extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "environment_id", nullable = false)
    public String environmentId;

    @Column(nullable = false)
    public String engine;

    @Column(nullable = false)
    public String name;

    public String version;

    @Column(name = "bin_dir", columnDefinition = "text")
    public String binDir;

    /** The plugin's properties, as JSON. */
    @Convert(converter = StringMapConverter.class)
    @Column(columnDefinition = "text")
    public Map<String, String> properties;

    @Column(name = "discovered_at", nullable = false)
    public Instant discoveredAt;
}
