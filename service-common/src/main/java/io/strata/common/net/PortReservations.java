package io.strata.common.net;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.tx.AfterCommit;

/**
 * Hands out ports to requests that run at once, without making them wait for each other's transactions. A port picked
 * in a transaction is reserved here until that transaction ends. Reading the taken ports and picking happen under one
 * lock, which a transaction's end also takes: a request either finds a port still reserved, or reads the taken ports
 * after the commit that took it (each statement reads what was committed before it). The database's unique constraint
 * stays the last word; this keeps requests at once from all picking the first free port, and the ones that lost from
 * failing.
 */
@ApplicationScoped
public class PortReservations {

    @Inject
    AfterCommit transactions;

    /** Per scope, the ports reserved by transactions that have not ended. */
    private final Map<String, Set<Integer>> reserved = new HashMap<>();

    /**
     * Picks and reserves, for the current transaction, the first port of {@code range} that is neither taken (read by
     * {@code taken} in the caller's transaction) nor reserved, and that {@code free} accepts; {@code -1} when none is.
     */
    public synchronized int pick(String scope, PortAllocator range, Supplier<Set<Integer>> taken, IntPredicate free) {
        Set<Integer> unavailable = new HashSet<>(taken.get());
        unavailable.addAll(current(scope));
        int port = range.pick(unavailable, free);
        if (port >= 0) {
            reserve(scope, port);
        }
        return port;
    }

    /**
     * Reserves {@code port} for the current transaction unless it is taken (read by {@code taken} in the caller's
     * transaction) or another request holds it; whether it did.
     */
    public synchronized boolean claim(String scope, int port, Supplier<Set<Integer>> taken) {
        if (current(scope).contains(port) || taken.get().contains(port)) {
            return false;
        }
        reserve(scope, port);
        return true;
    }

    private Set<Integer> current(String scope) {
        return reserved.computeIfAbsent(scope, key -> new HashSet<>());
    }

    private void reserve(String scope, int port) {
        reserved.get(scope).add(port);
        transactions.whenEnded(() -> ended(scope, port));
    }

    private synchronized void ended(String scope, int port) {
        reserved.get(scope).remove(port);
    }
}
