package io.strata.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where the staging copy of a source lives: the staging host, the mounted volume, a work directory outside the
 * volume (logs, password files, sockets: nothing that must end up in snapshots), and a port the staging engine may
 * listen on.
 *
 * @param host the staging host
 * @param dataPath the staging volume's mount path on that host
 * @param workPath a directory on that host for the plugin's own files, never snapshotted
 * @param port a port reserved for the staging engine
 * @param repository the engine installation to run, or {@code null} when the plugin runs none
 */
public record Staging(HostConnection host, String dataPath, String workPath, int port, Repository repository) {

    /**
     * Writes the staging volume's dirty pages to disk ({@code sync -f} on the host): a snapshot taken next must find
     * on disk what the staging engine left in the page cache.
     *
     * @throws UserError when the host cannot flush it
     */
    public void flushToDisk() {
        HostConnection.Result result = host.run(List.of("sync", "-f", dataPath), Map.of(), null, Duration.ofMinutes(
                5));
        if (result.exitCode() != 0) {
            throw new UserError("Could not flush the staging volume to disk before the snapshot.", "Check the "
                    + "staging host's storage.", result.stderr());
        }
    }
}
