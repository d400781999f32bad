package io.strata.common.events;

import java.util.UUID;
import java.util.function.Supplier;

import org.jboss.logging.MDC;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.strata.common.web.RequestCorrelation;

/**
 * The correlation and causation ids of the work the current thread is doing. A REST request starts a correlation (or
 * continues the caller's {@code X-Correlation-Id}); a consumed event continues its own, with the event as cause; a
 * job keeps the correlation of the request that started it. Every event published on the thread carries them, so
 * one user action can be followed across services and logs ({@code correlationId} in the MDC).
 */
public final class Correlation {

    /** The HTTP header that carries the correlation id in and out. */
    public static final String HEADER = "X-Correlation-Id";

    private static final ThreadLocal<Ids> CURRENT = new ThreadLocal<>();

    private Correlation() {
    }

    /** The ids of the current work; a fresh correlation when none is set. */
    public static Ids current() {
        Ids ids = CURRENT.get();
        if (ids != null) {
            return ids;
        }
        ArcContainer container = Arc.container();
        if (container != null && container.requestContext().isActive()) {
            String requestId = container.instance(RequestCorrelation.class).get().correlationId();
            if (requestId != null) {
                return new Ids(requestId, null);
            }
        }
        return new Ids(newId(), null);
    }

    /** Whether the thread has ids set. */
    public static boolean isSet() {
        return CURRENT.get() != null;
    }

    /** Runs {@code work} with the given ids, restoring the previous ones afterwards. */
    public static <T> T with(String correlationId, String causationId, Supplier<T> work) {
        Ids previous = CURRENT.get();
        set(new Ids(correlationId != null ? correlationId : newId(), causationId));
        try {
            return work.get();
        } finally {
            if (previous != null) {
                set(previous);
            } else {
                clear();
            }
        }
    }

    /** Runs {@code work} with the given ids, restoring the previous ones afterwards. */
    public static void run(String correlationId, String causationId, Runnable work) {
        with(correlationId, causationId, () -> {
            work.run();
            return null;
        });
    }

    public static void set(Ids ids) {
        CURRENT.set(ids);
        MDC.put("correlationId", ids.correlationId());
    }

    public static void clear() {
        CURRENT.remove();
        MDC.remove("correlationId");
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * @param correlationId shared by all work of one user action
     * @param causationId the event that caused the current work, or {@code null}
     */
    public record Ids(String correlationId, String causationId) {
    }
}
