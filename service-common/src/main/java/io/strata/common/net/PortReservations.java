package io.strata.common.net;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Hands out ports to requests that run at once, without making them wait for each other's transactions. A port picked
 * in a transaction is reserved here until that transaction ends, and for {@link #AFTER_COMMIT} after a commit: a
 * request that read the taken ports just before that commit still finds it reserved, and one that reads them later
 * finds it taken. A rollback gives the port back at once. The database's unique constraint stays the last word; this
 * keeps requests at once from all picking the first free port, and the ones that lost from failing.
 */
@ApplicationScoped
public class PortReservations {

    /** How long a port stays reserved after its transaction committed. */
    static final Duration AFTER_COMMIT = Duration.ofMinutes(1);

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Per scope, each reserved port and until when ({@code null}: its transaction has not ended). */
    private final Map<String, Map<Integer, Instant>> reserved = new HashMap<>();

    /**
     * Picks and reserves, for the current transaction, the first port of {@code range} that is neither taken (read by
     * {@code taken} in the caller's transaction) nor reserved, and that {@code free} accepts; {@code -1} when none is.
     */
    public synchronized int pick(String scope, PortAllocator range, Supplier<Set<Integer>> taken, IntPredicate free) {
        Set<Integer> unavailable = new HashSet<>(taken.get());
        unavailable.addAll(current(scope).keySet());
        int port = range.pick(unavailable, free);
        if (port >= 0) {
            reserve(scope, port);
        }
        return port;
    }

    /** Reserves {@code port} for the current transaction unless another request holds it; whether it did. */
    public synchronized boolean claim(String scope, int port) {
        if (current(scope).containsKey(port)) {
            return false;
        }
        reserve(scope, port);
        return true;
    }

    private Map<Integer, Instant> current(String scope) {
        Map<Integer, Instant> ports = reserved.computeIfAbsent(scope, key -> new HashMap<>());
        Instant now = Instant.now();
        ports.values().removeIf(until -> until != null && until.isBefore(now));
        return ports;
    }

    private void reserve(String scope, int port) {
        reserved.get(scope).put(port, null);
        transactions.registerInterposedSynchronization(new Synchronization() {

            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                ended(scope, port, status == Status.STATUS_COMMITTED);
            }
        });
    }

    private synchronized void ended(String scope, int port, boolean committed) {
        if (committed) {
            reserved.get(scope).put(port, Instant.now().plus(AFTER_COMMIT));
        } else {
            reserved.get(scope).remove(port);
        }
    }
}
