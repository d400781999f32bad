package io.strata.catalog.audit;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.strata.common.events.TypedEventHandler;
import io.strata.contracts.auth.RequestAudited;
import io.strata.contracts.events.EventEnvelope;
import io.strata.contracts.events.Topics;

/**
 * The audit log: kept from every service's {@link RequestAudited} events (one row per event, however often it is
 * delivered) and queried by user, resource and time, newest first.
 */
@ApplicationScoped
public class AuditLog extends TypedEventHandler<RequestAudited> {

    /** The most entries one query returns. */
    public static final int MOST = 1000;

    public AuditLog() {
        super(RequestAudited.class, Set.copyOf(Topics.SERVICES));
    }

    @Override
    protected void handle(RequestAudited audited, EventEnvelope envelope) {
        if (AuditEntry.findById(envelope.id().toString()) != null) {
            return;
        }
        AuditEntry entry = new AuditEntry();
        entry.eventId = envelope.id().toString();
        entry.at = audited.at();
        entry.service = audited.service();
        entry.username = audited.user();
        entry.method = audited.method();
        entry.path = audited.path();
        entry.resource = audited.resource();
        entry.status = audited.status();
        entry.outcome = audited.outcome();
        entry.correlationId = audited.correlationId();
        entry.persist();
    }

    /**
     * An audit entry as the API shows it.
     *
     * @param at when the answer was given
     * @param service the service that answered
     * @param user who asked ({@code null}: no valid token)
     * @param method the HTTP method
     * @param path the path
     * @param resource what it was about
     * @param status the HTTP status
     * @param outcome SUCCEEDED, REFUSED or FAILED
     * @param correlationId the correlation id its jobs and events carry
     */
    public record AuditView(Instant at, String service, String user, String method, String path, String resource,
            int status, String outcome, String correlationId) {
    }

    /** The entries of {@code user}, about {@code resource} (a prefix, e.g. {@code vdbs/}), since a moment. */
    @Transactional
    public List<AuditView> query(String user, String resource, Instant since, int limit) {
        StringJoiner where = new StringJoiner(" and ");
        Map<String, Object> parameters = new HashMap<>();
        where.add("1 = 1");
        if (user != null) {
            where.add("username = :user");
            parameters.put("user", user);
        }
        if (resource != null) {
            where.add("resource like :resource");
            parameters.put("resource", resource.replace("%", "") + "%");
        }
        if (since != null) {
            where.add("at >= :since");
            parameters.put("since", since);
        }
        return AuditEntry.<AuditEntry>find(where.toString(), Sort.descending("at"), parameters).page(Page.ofSize(
                Math.min(Math.max(limit, 1), MOST))).stream().map(entry -> new AuditView(entry.at, entry.service,
                        entry.username, entry.method, entry.path, entry.resource, entry.status, entry.outcome,
                        entry.correlationId))
                .toList();
    }
}
