package io.strata.engine;

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
}
