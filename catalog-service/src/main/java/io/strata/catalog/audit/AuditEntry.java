package io.strata.catalog.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One answered request that changed something, or was refused: who, what, which resource, the outcome, when. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    /** The id of the event that reported it, so that a redelivered event is kept once. */
    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String service;

    public String username;

    @Column(nullable = false)
    public String method;

    @Column(nullable = false)
    public String path;

    public String resource;

    @Column(nullable = false)
    public int status;

    @Column(nullable = false)
    public String outcome;

    @Column(name = "correlation_id")
    public String correlationId;
}
