package io.strata.common.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Picks ports for the servers Strata starts (staging copies, virtual databases) from a configured range such as
 * {@code 15000-15399}: the first port that no Strata resource holds and, on this host, that nothing listens on.
 * A port counts as free here only when it can be bound on every address ({@code 0.0.0.0}), because the servers
 * listen there or on loopback, and a port taken on either is taken.
 */
public final class PortAllocator {

    private final int first;
    private final int last;
    private final String range;

    /** A range written {@code first-last}; a malformed one is a configuration error that says so. */
    public PortAllocator(String range) {
        String[] bounds = range.split("-");
        try {
            if (bounds.length != 2) {
                throw new NumberFormatException();
            }
            this.first = Integer.parseInt(bounds[0].strip());
            this.last = Integer.parseInt(bounds[1].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A port range is written first-last, e.g. 15000-15399; got '" + range
                    + "'.", e);
        }
        if (first < 1024 || last > 65535 || first > last) {
            throw new IllegalArgumentException("A port range must lie within 1024-65535 and start at or before its "
                    + "end; got '" + range + "'.");
        }
        this.range = range;
    }

    /** The first port of the range outside {@code taken} that {@code free} accepts, or {@code -1}. */
    public int pick(Set<Integer> taken, IntPredicate free) {
        for (int port = first; port <= last; port++) {
            if (!taken.contains(port) && free.test(port)) {
                return port;
            }
        }
        return -1;
    }

    /** The range as configured. */
    public String range() {
        return range;
    }

    /** Whether nothing listens on {@code port} on this host, on any address. */
    public static boolean freeHere(int port) {
        return canBind(port, null) && canBind(port, InetAddress.getLoopbackAddress());
    }

    private static boolean canBind(int port, InetAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the servers themselves do: connections of an earlier server still in TIME_WAIT do not make a
            // port taken.
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(address, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
