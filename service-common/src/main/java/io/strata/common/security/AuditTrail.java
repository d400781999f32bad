package io.strata.common.security;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.strata.common.config.StrataServiceConfig;
import io.strata.common.events.Correlation;
import io.strata.common.events.EventPublisher;
import io.strata.contracts.auth.RequestAudited;

/**
 * Records every answered request that changes something (any method but GET, HEAD and OPTIONS, refused ones too) as
 * a {@link RequestAudited} event, which the catalog keeps as the audit log: who, what, which resource, the outcome,
 * when. Only the method, the path and the status are recorded, never a body, a query or a header.
 */
public class AuditTrail {

    @Inject
    Caller caller;

    @Inject
    Recorder recorder;

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        if (AccessControl.isRead(method) || !path.startsWith("/api/")) {
            return;
        }
        int status = response.getStatus();
        Object correlation = request.getProperty(Correlation.HEADER);
        RequestAudited audited = new RequestAudited(recorder.service(), userOf(), method, path, resourceOf(path,
                response.getEntity()), status, status < 400 ? "SUCCEEDED" : status < 500 ? "REFUSED" : "FAILED",
                Instant.now(), correlation != null ? correlation.toString() : null);
        recorder.record(audited);
    }

    /**
     * Publishes audit events from a worker thread: the answer may be written from an I/O thread, which must not wait
     * for the database. (A bean of its own because filters are made before the configuration is.)
     */
    @ApplicationScoped
    public static class Recorder {

        @Inject
        StrataServiceConfig config;

        @Inject
        EventPublisher events;

        String service() {
            return config.service().name();
        }

        void record(RequestAudited audited) {
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    QuarkusTransaction.requiringNew().run(() -> events.publish(audited));
                } catch (RuntimeException e) {
                    Log.errorf("Could not record %s %s (%d) in the audit log: %s", audited.method(), audited.path(),
                            audited.status(), e.getMessage());
                }
            });
        }
    }

    private String userOf() {
        try {
            return caller.username();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code vdbs/<id>} from the path, or the new id the answer names for a create. */
    static String resourceOf(String path, Object entity) {
        String[] parts = path.split("/");
        // ["", "api", "v1", kind, id, ...]
        if (parts.length < 4) {
            return null;
        }
        String kind = parts[3];
        if (parts.length >= 5) {
            return kind + "/" + parts[4];
        }
        String id = idOf(entity);
        return id != null ? kind + "/" + id : kind;
    }

    private static String idOf(Object entity) {
        if (entity instanceof Map<?, ?> map && map.get("id") != null) {
            return map.get("id").toString();
        }
        if (entity != null && entity.getClass().isRecord()) {
            for (RecordComponent component : entity.getClass().getRecordComponents()) {
                if (component.getName().equals("id")) {
                    try {
                        Object id = component.getAccessor().invoke(entity);
                        return id != null ? id.toString() : null;
                    } catch (ReflectiveOperationException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
