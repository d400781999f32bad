package io.strata.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.strata.testing.PostgresCluster;
import io.strata.testing.Processes;

/**
 * The CPU time a PostgreSQL cluster's processes have used, read from {@code /proc}: the postmaster's own, that of
 * its children that have exited (the postmaster reaps every backend, so the kernel adds their time to its
 * {@code cutime} and {@code cstime}) and that of its children still running. The difference between two readings
 * is the server's CPU time in between, whichever connections came and went; a backend still running when the
 * second reading is taken counts what it used so far.
 */
final class PostgresCpu {

    private static final int UTIME = 13;
    private static final int CSTIME = 16;
    private static final int PPID = 3;
    private static final int STATE = 2;
    private static final int READ_ATTEMPTS = 500;

    private static double ticksPerSecond;

    private PostgresCpu() {
    }

    /**
     * The cluster's CPU seconds so far, user and system. Reads until it gets a consistent reading: a backend that
     * exits moves its time from its own entry to the postmaster's once the postmaster reaps it.
     */
    static double seconds(PostgresCluster cluster) throws InterruptedException {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(cluster.dataDir().resolve("postmaster.pid")).get(0)
                    .strip());
            for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
                long ticks = ticks(postmaster);
                if (ticks >= 0) {
                    return ticks / ticksPerSecond();
                }
                Thread.sleep(10);
            }
            throw new IllegalStateException(
                    "No consistent reading of the CPU time of the postmaster " + postmaster + " and its children");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The CPU ticks of the postmaster and its children, or -1 while one of them is a zombie or when the postmaster
     * reaped one while they were read (its time might then be counted twice or not at all).
     */
    private static long ticks(long postmaster) throws IOException {
        long own = sum(stat(postmaster), UTIME, CSTIME);
        long children = childTicks(postmaster);
        return children < 0 || sum(stat(postmaster), UTIME, CSTIME) != own ? -1 : own + children;
    }

    private static long childTicks(long postmaster) throws IOException {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(path -> path.getFileName().toString().matches("[0-9]+"))
                    .toList()) {
                String[] fields = stat(Long.parseLong(process.getFileName().toString()));
                if (fields.length > CSTIME && Long.parseLong(fields[PPID]) == postmaster) {
                    if ("Z".equals(fields[STATE])) {
                        return -1;
                    }
                    ticks += sum(fields, UTIME, UTIME + 1);
                }
            }
        }
        return ticks;
    }

    /**
     * The fields of {@code /proc/<pid>/stat}, numbered as in proc(5) minus one; the command name, which may hold
     * spaces, is left out of the split. None when the process is gone.
     */
    private static String[] stat(long pid) throws IOException {
        String line;
        try {
            line = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        } catch (NoSuchFileException gone) {
            return new String[0];
        }
        String afterName = line.substring(line.lastIndexOf(')') + 2);
        // Two fields (pid and name) come before the rest.
        String[] rest = afterName.strip().split(" ");
        String[] fields = new String[rest.length + 2];
        System.arraycopy(rest, 0, fields, 2, rest.length);
        return fields;
    }

    private static long sum(String[] fields, int first, int last) {
        long total = 0;
        for (int i = first; i <= last; i++) {
            total += Long.parseLong(fields[i]);
        }
        return total;
    }

    private static synchronized double ticksPerSecond() {
        if (ticksPerSecond == 0) {
            ticksPerSecond = Double.parseDouble(Processes.run(10, List.of("getconf", "CLK_TCK")).strip());
        }
        return ticksPerSecond;
    }
}
