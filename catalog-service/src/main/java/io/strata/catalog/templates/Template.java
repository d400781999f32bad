package io.strata.catalog.templates;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.common.persistence.StringListConverter;

/** A fixed, named set of datasets provisioned together into data pods, all from one consistent point. */
@Entity
@Table(name = "template")
public class Template extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false, unique = true)
    public String name;

    /** The datasets' ids, in the order they were given. */
    @Convert(converter = StringListConverter.class)
    @Column(columnDefinition = "text", nullable = false)
    public List<String> datasets;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A template by id or name, or {@code null}. */
    public static Template byIdOrName(String idOrName) {
        Template template = findById(idOrName);
        return template != null ? template : find("name", idOrName).firstResult();
    }
}
