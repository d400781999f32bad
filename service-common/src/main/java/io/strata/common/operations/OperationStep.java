package io.strata.common.operations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.strata.common.persistence.JsonNodeConverter;
import io.strata.common.persistence.StringListConverter;

/**
 * The durable state of one running operation: which step it is at, the request that step waits on, and the data
 * gathered so far. It is written in the transaction that sends the step's command, so after a crash the service knows
 * exactly where each operation stood. The row goes when the operation ends. Changed only by {@link OperationMachine}.
 */
@Entity
@Table(name = "operation_step")
public class OperationStep extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    /** The id of the command the current step sent; its reply carries it. Unique. */
    @Column(name = "request_id", nullable = false, unique = true)
    public String requestId;

    /** The job kind ({@link OperationKind#jobKind()}). */
    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String resource;

    /** The step's enum name. */
    @Column(nullable = false)
    public String step;

    /** The family's data record, as JSON. */
    @Convert(converter = JsonNodeConverter.class)
    @Column(nullable = false, columnDefinition = "text")
    public JsonNode data;

    /** Why the operation failed, once it is being undone. */
    @Column(columnDefinition = "text")
    public String failure;

    /** Whether the failure is a cancel a user asked for. */
    @Column(nullable = false)
    public boolean canceled;

    @Column(name = "entered_at", nullable = false)
    public Instant enteredAt;

    /** When a step waiting for a reply gives up; {@code null} for worker steps. */
    public Instant deadline;

    /** How many commands the current step sent, one per part, each answered on its own. */
    @Column(nullable = false)
    public int parts = 1;

    /** The parts of the current step answered so far: a part answered again is ignored. */
    @Convert(converter = StringListConverter.class)
    @Column(nullable = false, columnDefinition = "text")
    public List<String> answered = List.of();

    /** The first refusal among the parts answered so far; the step fails with it once every part has answered. */
    @Column(columnDefinition = "text")
    public String refusal;

    /** The operation running on a resource, if any. */
    public static OperationStep ofResource(String resource) {
        return find("resource", resource).firstResult();
    }

    static OperationStep lockByRequest(String requestId) {
        return find("requestId", requestId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    static List<OperationStep> overdue(Instant now) {
        return list("failure is null and deadline < ?1", now);
    }
}
