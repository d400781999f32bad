package io.strata.snapshot.pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes of this host that work inside a volume: their working directory is in it (a PostgreSQL server's is
 * its data directory). A volume is not deleted under them: a server left running on a deleted btrfs subvolume keeps
 * its shared memory, and btrfs hands the subvolume's device number to the next one, so the next server whose data
 * directory has the same inode (every subvolume root has inode 256) refuses to start.
 */
public final class VolumeUsers {

    private static final Path PROC = Path.of("/proc");

    private VolumeUsers() {
    }

    /** The processes working in {@code volume}, as {@code pid (command)}; empty where /proc cannot be read. */
    public static List<String> of(Path volume) {
        List<String> users = new ArrayList<>();
        Path root = volume.toAbsolutePath().normalize();
        try (Stream<Path> processes = Files.list(PROC)) {
            processes.filter(process -> process.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(process -> {
                        Path cwd = workingDirectory(process);
                        if (cwd != null && cwd.startsWith(root)) {
                            users.add(process.getFileName() + " (" + command(process) + ")");
                        }
                    });
        } catch (IOException e) {
            return List.of();
        }
        return users;
    }

    private static Path workingDirectory(Path process) {
        try {
            return Files.readSymbolicLink(process.resolve("cwd"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Gone already, or not ours to read.
            return null;
        }
    }

    private static String command(Path process) {
        try {
            return Files.readString(process.resolve("comm")).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
