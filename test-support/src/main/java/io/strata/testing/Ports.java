package io.strata.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free TCP ports on 127.0.0.1, never the same one twice in a JVM. */
public final class Ports {

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    /** Ranges lie below Linux's ephemeral ports (32768 and up), which the system hands to outgoing connections. */
    private static final int FIRST_RANGE_PORT = 20_000;
    private static final int LAST_RANGE_PORT = 32_000;

    private Ports() {
    }

    /** A port nobody listens on now and that this JVM has not handed out before. */
    public static synchronized int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port found");
    }

    /**
     * The first of {@code size} consecutive ports that nobody listens on now and that this JVM has not handed out,
     * for a service that picks its own ports from a range. The search starts at a place that depends on the process
     * id, so that test JVMs side by side look in different places.
     */
    public static synchronized int range(int size) {
        int span = LAST_RANGE_PORT - FIRST_RANGE_PORT;
        int offset = (int) (ProcessHandle.current().pid() % 50) * 200;
        for (int step = 0; step + size <= span; step += size) {
            int first = FIRST_RANGE_PORT + (offset + step) % (span - size);
            if (allFree(first, size)) {
                for (int port = first; port < first + size; port++) {
                    HANDED_OUT.add(port);
                }
                return first;
            }
        }
        throw new IllegalStateException("no " + size + " consecutive free ports between " + FIRST_RANGE_PORT
                + " and " + LAST_RANGE_PORT);
    }

    private static boolean allFree(int first, int size) {
        for (int port = first; port < first + size; port++) {
            if (HANDED_OUT.contains(port) || !bindable(port)) {
                return false;
            }
        }
        return true;
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
